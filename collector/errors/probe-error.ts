// A host could not answer a probe (command failed, file missing or unreadable, socket refused).
import { VigilError } from './vigil-error';

/** Why a host operation failed; codes mirror errno names where there is one. */
export type ProbeErrorCode =
  | 'ENOENT'
  | 'EACCES'
  | 'ENOTDIR'
  | 'EISDIR'
  | 'ETOOBIG'
  | 'ETIMEDOUT'
  | 'ECONNREFUSED'
  | 'ENOTRECORDED'
  | 'EUNSUPPORTED'
  | 'EHOST'
  /** The SSH connection dropped during the run. */
  | 'ECONNLOST'
  /** `sudo -n` was refused (no rule, or a password would be needed). */
  | 'ESUDO'
  | 'EIO';

/** A host operation failed. `code` tells the check whether to skip (ENOENT) or fail. */
export class ProbeError extends VigilError {
  override readonly name: string = 'ProbeError';
  constructor(
    readonly probeCode: ProbeErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`probe:${probeCode}`, message, options);
  }
}

/** True when `error` is a ProbeError with one of the given codes. */
export function isProbeError(error: unknown, ...codes: ProbeErrorCode[]): error is ProbeError {
  return error instanceof ProbeError && (codes.length === 0 || codes.includes(error.probeCode));
}
