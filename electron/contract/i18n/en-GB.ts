/**
 * Every piece of UI text, in British English for UK schools. Other locales (Welsh first) are files
 * of the same shape beside this one. Placeholders look like {name} and are filled by `format`.
 * Vocabulary: the teacher's words here (lesson, version, AI suggestion); code words elsewhere.
 */
export const enGB = {
  app: {
    name: 'Lectern',
    tagline: 'Lesson drafting with AI you review',
  },
  menu: {
    file: 'File',
    newLesson: 'New Lesson',
    saveNow: 'Save Now',
    renameLesson: 'Rename Lesson…',
    deleteLesson: 'Delete Lesson…',
    close: 'Close Window',
    quit: 'Quit Lectern',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    pasteAsPlainText: 'Paste as Plain Text',
    selectAll: 'Select All',
    find: 'Find in Library',
    view: 'View',
    reload: 'Reload',
    toggleDevTools: 'Toggle Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    toggleFullScreen: 'Toggle Full Screen',
    window: 'Window',
    minimise: 'Minimise',
    help: 'Help',
    about: 'About Lectern',
    learnMore: 'Lectern Help',
  },
  errors: {
    VALIDATION: 'Lectern could not understand that request.',
    UNKNOWN_METHOD: 'Lectern could not carry out that request.',
    FORBIDDEN: 'That request was refused.',
    NOT_FOUND: 'That lesson could not be found. It may have been deleted.',
    CONFLICT: 'That lesson was changed somewhere else. Reload it to see the latest version.',
    STORAGE_FULL: 'The disk is full, so your latest changes are not saved yet. They are still here in the editor. Free some space and Lectern will keep trying.',
    STORAGE_READ_ONLY: 'Lectern cannot write to its library file. Your changes are still here in the editor.',
    STORAGE: 'Lectern could not save to its library. Your changes are still here in the editor.',
    DATABASE_DAMAGED: 'The library file is damaged. It has been kept aside, untouched.',
    DATABASE_TOO_NEW: 'This library was saved by a newer version of Lectern. Please update Lectern.',
    CANCELLED: 'Stopped.',
    INTERNAL: 'Something went wrong inside Lectern. Your work in the editor is kept.',
    OFFLINE: 'Lectern cannot reach the app right now. Your changes are still here in the editor.',
  },
};

type Catalogue<T> = { [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };

/** The shape every locale must have: same keys, any wording. */
export type Strings = Catalogue<typeof enGB>;

/** Fills `{name}` placeholders. Unknown placeholders are left visible rather than dropped. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
