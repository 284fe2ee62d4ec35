// Map Node's system errors to ProbeErrors with a message that names the operation and path.
import { ProbeError, type ProbeErrorCode } from '../errors/probe-error';
import { messageOf } from '../errors/vigil-error';

const KNOWN: Record<string, ProbeErrorCode> = {
  ENOENT: 'ENOENT',
  EACCES: 'EACCES',
  EPERM: 'EACCES',
  ENOTDIR: 'ENOTDIR',
  EISDIR: 'EISDIR',
  ETIMEDOUT: 'ETIMEDOUT',
  ECONNREFUSED: 'ECONNREFUSED',
  ECONNRESET: 'EIO',
  EPIPE: 'EIO',
  ENOTFOUND: 'EHOST',
  EAI_AGAIN: 'EHOST',
  EHOSTUNREACH: 'EHOST',
  ENETUNREACH: 'EHOST',
};

/** Wrap any error from a host operation as a ProbeError; ProbeErrors pass through. */
export function toProbeError(error: unknown, what: string): ProbeError {
  if (error instanceof ProbeError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const probeCode = (typeof code === 'string' && KNOWN[code]) || 'EIO';
  const reason = typeof code === 'string' && KNOWN[code] ? describe(probeCode) : messageOf(error);
  return new ProbeError(probeCode, `${what}: ${reason}`, { cause: error });
}

function describe(code: ProbeErrorCode): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
      return 'permission denied';
    case 'ENOTDIR':
      return 'not a directory';
    case 'EISDIR':
      return 'is a directory';
    case 'ETIMEDOUT':
      return 'timed out';
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'EHOST':
      return 'host not found or unreachable';
    default:
      return code;
  }
}
