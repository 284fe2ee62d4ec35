// Read Lynis's report file where it exists (it is root's, 0640: through sudo when the host allows it).
import { isProbeError } from '../../errors/probe-error';
import type { Host } from '../../host/host';

/** Where Lynis writes its report by default (lynis audit system; --report-file changes it). */
export const DEFAULT_REPORT = '/var/log/lynis-report.dat';

/** The raw report, or why there is none to read. */
export type LynisRaw = { status: 'absent' | 'unreadable'; reason: string } | { status: 'data'; text: string; mtimeMs: number };

/** Stat, then read the report. */
export async function probeLynis(host: Host, path: string, sudo: boolean, signal: AbortSignal): Promise<LynisRaw> {
  const st = await host.stat(path);
  if (!st || st.type !== 'file') return { status: 'absent', reason: `no Lynis report at ${path} (Lynis is not installed or has never run)` };
  try {
    const text = (await host.readFile(path, { sudo, signal, maxBytes: 16 * 1024 * 1024 })).toString('utf8');
    return { status: 'data', text, mtimeMs: st.mtimeMs };
  } catch (error) {
    if (isProbeError(error, 'EACCES', 'ESUDO')) {
      return { status: 'unreadable', reason: `${path} is readable by root only; set sudo: true for this host (or run Vigil as root) to include it` };
    }
    throw error;
  }
}
