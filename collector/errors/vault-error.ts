// The vault could not be written (read-only, full, permission, a path outside the folder, a note unsafe to merge).
import { VigilError } from './vigil-error';

/** A vault write failed; `path` is the note's path relative to the vault. */
export class VaultError extends VigilError {
  override readonly name = 'VaultError';
  constructor(
    readonly path: string,
    message: string,
    options?: { cause?: unknown; kept?: boolean },
  ) {
    super('vault', `${path}: ${message}`, options);
    this.kept = options?.kept ?? false;
  }

  /**
   * The note was left as the user has it on purpose (they broke its frontmatter or managed blocks, or put
   * something else at its path): not a failure of the run, but something to tell them.
   */
  readonly kept: boolean;
}
