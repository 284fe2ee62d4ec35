// Read the socket tables and, where permitted, which process owns each socket.
import { isProbeError } from '../../errors/probe-error';
import type { Host } from '../../host/host';
import type { ProcNetTable } from './parse';

/** Raw text the probe collected. */
export interface SocketsRaw {
  tables: Partial<Record<ProcNetTable, string>>;
  owners: string;
  comms: Record<string, string>;
}

export const TABLES: ProcNetTable[] = ['tcp', 'tcp6', 'udp', 'udp6'];

/** `find` lists socket fds as `/proc/PID/fd/N socket:[INODE]`; without root it sees only our own processes. */
export const OWNER_COMMAND = [
  'find',
  '/proc',
  '-mindepth',
  '3',
  '-maxdepth',
  '3',
  '-path',
  '/proc/[0-9]*/fd/*',
  '-lname',
  'socket:*',
  '-printf',
  '%p %l\\n',
];

/** Read the tables (missing ones are skipped: a kernel without IPv6 has no tcp6). */
export async function probeTables(host: Host, signal: AbortSignal): Promise<SocketsRaw['tables']> {
  const tables: SocketsRaw['tables'] = {};
  for (const t of TABLES) {
    try {
      tables[t] = (await host.readFile(`/proc/net/${t}`, { signal })).toString('utf8');
    } catch (error) {
      if (!isProbeError(error, 'ENOENT')) throw error;
    }
  }
  return tables;
}

/** Socket owners and their command names; failures leave owners unknown rather than failing the check. */
export async function probeOwners(host: Host, pids: (inodes: string) => number[], signal: AbortSignal) {
  let owners = '';
  try {
    owners = (await host.exec(OWNER_COMMAND, { signal, timeoutMs: 20_000 })).stdout;
  } catch {
    owners = '';
  }
  const comms: Record<string, string> = {};
  for (const pid of pids(owners)) {
    try {
      comms[String(pid)] = (await host.readFile(`/proc/${pid}/comm`, { signal })).toString('utf8').trim();
    } catch {
      // The process may have exited between the two reads.
    }
  }
  return { owners, comms };
}
