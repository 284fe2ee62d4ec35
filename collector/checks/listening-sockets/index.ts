// listening-sockets: services bound to every interface that are not in the allow list.
import * as v from 'valibot';
import { defineCheck } from '../check';
import { analyzeListeningSockets, parseAllow, type SocketsObservation, type SocketsOptions } from './analyze';
import { isListening, parseProcNet, parseSocketOwners, type ProcNetTable } from './parse';
import { probeOwners, probeTables } from './probe';

const allowEntry = v.pipe(
  v.string(),
  v.check((s) => parseAllow(s) !== null, 'expected ADDRESS:PORT[/tcp|udp] such as "*:22", "0.0.0.0:53/udp" or "*:8000-8100"'),
);

/** Parse raw tables and owner listing into the observation (pure). */
export function parseSockets(tables: Partial<Record<ProcNetTable, string>>, owners: string, comms: Record<string, string>): SocketsObservation {
  const inodeOwners = parseSocketOwners(owners);
  const sockets = Object.entries(tables).flatMap(([table, text]) => parseProcNet(text, table as ProcNetTable));
  return {
    ownersVisible: inodeOwners.size > 0,
    sockets: sockets.map((s) => {
      const pid = inodeOwners.get(s.inode) ?? null;
      return { ...s, pid, process: pid === null ? null : (comms[String(pid)] ?? null) };
    }),
  };
}

export const listeningSockets = defineCheck<SocketsObservation, SocketsOptions>({
  id: 'listening-sockets',
  title: 'Listening sockets',
  domain: 'security',
  scope: 'host',
  description: 'Services bound to a wildcard address (0.0.0.0, ::) that are not in checks.listening-sockets.allow.',
  options: {
    allow: v.optional(v.array(allowEntry), []),
  },
  async gather({ host, signal }) {
    const tables = await probeTables(host, signal);
    if (Object.keys(tables).length === 0) return { status: 'skipped', reason: 'no /proc/net socket tables (not a Linux host)' };
    // Parse first so owners are looked up only for listening sockets.
    const listening = new Set(
      Object.entries(tables)
        .flatMap(([t, text]) => parseProcNet(text, t as ProcNetTable))
        .filter(isListening)
        .map((s) => s.inode),
    );
    const { owners, comms } = await probeOwners(
      host,
      (text) => [...new Set([...parseSocketOwners(text)].filter(([inode]) => listening.has(inode)).map(([, pid]) => pid))],
      signal,
    );
    return { status: 'data', data: parseSockets(tables, owners, comms) };
  },
  analyze(obs, { options, host }) {
    return analyzeListeningSockets(obs, options, host);
  },
});
