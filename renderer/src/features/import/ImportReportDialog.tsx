import { IMPORT_CAPS, type ImportFileResult, type NotImported } from '../../../../electron/contract';
import { format, strings } from '../../i18n';
import { Dialog } from '../dialogs/Dialog';

const s = strings.importFiles;

function problemText(result: ImportFileResult): string {
  const template = result.problem ? s.problems[result.problem] : s.problems.READ_FAILED;
  return format(template, { maxMb: IMPORT_CAPS.maxFileBytes / 1024 / 1024, maxFiles: IMPORT_CAPS.maxFiles, maxImages: IMPORT_CAPS.maxImages.toLocaleString('en-GB') });
}

const kindText = (item: NotImported) => format(s.kinds[item.kind], { count: item.count });

/**
 * What each file brought in, and what it could not: a modal the teacher closes, each lesson one
 * button away. Nothing that could not come in goes unmentioned.
 */
export function ImportReportDialog({ results, onOpen, onClose }: { results: ImportFileResult[]; onOpen: (id: string) => void; onClose: () => void }) {
  const imported = results.filter((r) => r.status === 'imported').length;
  return (
    <Dialog title={s.reportTitle} onClose={onClose}>
      <p role="status">{format(s.summary, { imported, total: results.length })}</p>
      <ul className="import-report">
        {results.map((result, index) => (
          <li key={`${index}:${result.fileName}`} className="import-report__file">
            <h3 className="import-report__name">{result.fileName}</h3>
            {result.status === 'imported' ? (
              <>
                <p>
                  {format(s.imported, { title: result.title || strings.library.untitled })}{' '}
                  {result.documentId && (
                    <button type="button" onClick={() => onOpen(result.documentId!)}>
                      {format(s.open, { title: result.title || strings.library.untitled })}
                    </button>
                  )}
                </p>
                {result.imagesImported > 0 && <p>{format(s.images, { count: result.imagesImported })}</p>}
                {result.notImported.length === 0 ? (
                  <p>{s.nothingMissing}</p>
                ) : (
                  <>
                    <p>{s.notImported}</p>
                    <ul>
                      {result.notImported.map((item) => (
                        <li key={item.kind}>{kindText(item)}</li>
                      ))}
                    </ul>
                  </>
                )}
              </>
            ) : (
              <p className="field__error">
                <strong>{s.failed}:</strong> {problemText(result)}
              </p>
            )}
          </li>
        ))}
      </ul>
      <div className="dialog__actions">
        <button type="button" autoFocus onClick={onClose}>
          {s.close}
        </button>
      </div>
    </Dialog>
  );
}
