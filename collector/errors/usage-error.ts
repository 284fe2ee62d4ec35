// The command line itself is wrong (unknown command, bad flag value).
import { VigilError } from './vigil-error';

/** Bad command-line usage; the CLI prints it with a hint to `--help` and exits 2. */
export class UsageError extends VigilError {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super('usage', message);
  }
}
