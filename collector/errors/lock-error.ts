// The run lock is held by another live process.
import { VigilError } from './vigil-error';

/** Another `vigil run` holds the lock in state_dir. */
export class LockError extends VigilError {
  override readonly name = 'LockError';
  constructor(
    readonly pid: number,
    readonly lockPath: string,
  ) {
    super('lock', `another run (pid ${pid}) holds the lock ${lockPath}`);
  }
}
