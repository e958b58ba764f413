import { IMPORT_CAPS, IMPORT_EXTENSIONS, type ImportFileResult } from '../../../../electron/contract';

/**
 * True for a file the import takes (by its name only: core reads the format from the bytes). Images
 * are left to the editor, which inserts them.
 */
export function isImportable(file: { name: string }): boolean {
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  return ext !== undefined && (IMPORT_EXTENSIONS as readonly string[]).includes(ext);
}

/** The file's bytes as base64, for import.data (FileReader's data URL avoids building a string per byte). */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

/** A file too large to send is refused here with the same report entry core would give. */
export function tooLarge(file: { name: string; size: number }): ImportFileResult | undefined {
  if (file.size <= IMPORT_CAPS.maxFileBytes) return undefined;
  return {
    fileName: file.name,
    format: null,
    status: 'failed',
    problem: 'TOO_LARGE',
    message: `${file.name} is larger than ${IMPORT_CAPS.maxFileBytes / 1024 / 1024} MB.`,
    imagesImported: 0,
    notImported: [],
  };
}
