// The vault could not be written (read-only, full, permission, a path outside the folder, a note unsafe to merge).
import { VigilError } from './vigil-error';

/** A vault write failed; `path` is the note's path relative to the vault. */
export class VaultError extends VigilError {
  override readonly name = 'VaultError';
  constructor(
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('vault', `${path}: ${message}`, options);
  }
}
