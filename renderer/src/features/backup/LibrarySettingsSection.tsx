import { useState } from 'react';
import { strings } from '../../i18n';
import { BackupsSection } from './BackupsSection';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';
import { ListsSection } from './ListsSection';

const s = strings.librarySettings;

/** Settings → Library: backups, export and import, and the lists lessons choose from. */
export function LibrarySettingsSection() {
  const [task, setTask] = useState<'export' | 'import'>();
  return (
    <div className="library-settings">
      <BackupsSection />
      <section aria-labelledby="portable-heading" className="library-settings__block">
        <h2 id="portable-heading">{s.portableHeading}</h2>
        <p>{s.portableIntro}</p>
        <div className="library-settings__row">
          <button type="button" onClick={() => setTask('export')}>
            {s.export}
          </button>
          <button type="button" onClick={() => setTask('import')}>
            {s.import}
          </button>
        </div>
      </section>
      <ListsSection />
      {task === 'export' && <ExportDialog onClose={() => setTask(undefined)} />}
      {task === 'import' && <ImportDialog onClose={() => setTask(undefined)} />}
    </div>
  );
}
