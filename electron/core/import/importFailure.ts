import type { ImportProblem } from '../../contract';

/** A file that cannot come in, with the reason the report gives. Nothing of it has been stored. */
export class ImportFailure extends Error {
  constructor(
    readonly problem: ImportProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ImportFailure';
  }
}
