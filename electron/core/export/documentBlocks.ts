import type { ExportDocument, ExportOptions } from './exporter';
import { readDocument, type Block } from './model';
import { statementBlocks } from './aiStatement';

/** The document's blocks followed by the AI use statement when one was asked for. */
export function documentBlocks(doc: ExportDocument, options: Pick<ExportOptions, 'statement'>): Block[] {
  const blocks = readDocument(doc.content);
  return options.statement ? [...blocks, ...statementBlocks(options.statement)] : blocks;
}
