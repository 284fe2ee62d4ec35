// Builders for the demo's recorded answers: kernel socket tables, stats, files — shaped exactly like the real thing.
import type { FixtureAnswer } from '../host/fixture';

/** One socket row for a /proc/net table. */
export interface SocketRow {
  /** `0.0.0.0:22`, `[::]:22`, `127.0.0.1:5432`, `[::ffff:0.0.0.0]:8080`. */
  local: string;
  state: 'LISTEN' | 'ESTABLISHED' | 'UNCONN';
  remote?: string;
  uid?: number;
  inode: number;
}

const STATES = { LISTEN: '0A', ESTABLISHED: '01', UNCONN: '07' } as const;

function hexPort(port: number): string {
  return port.toString(16).toUpperCase().padStart(4, '0');
}

function ipv4Hex(ip: string): string {
  return ip
    .split('.')
    .map((n) => Number(n).toString(16).toUpperCase().padStart(2, '0'))
    .reverse()
    .join('');
}

function ipv6Bytes(ip: string): number[] {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return [...new Array<number>(10).fill(0), 0xff, 0xff, ...mapped[1]!.split('.').map(Number)];
  const [head, tail] = ip.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...new Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.flatMap((g) => {
    const n = Number.parseInt(g || '0', 16);
    return [n >> 8, n & 0xff];
  });
}

function ipv6Hex(ip: string): string {
  const b = ipv6Bytes(ip);
  let out = '';
  for (let w = 0; w < 4; w++) {
    for (let i = 3; i >= 0; i--) out += b[w * 4 + i]!.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function split(endpoint: string): { ip: string; port: number; v6: boolean } {
  const m = /^\[(.+)\]:(\d+)$/.exec(endpoint);
  if (m) return { ip: m[1]!, port: Number(m[2]), v6: true };
  const i = endpoint.lastIndexOf(':');
  return { ip: endpoint.slice(0, i), port: Number(endpoint.slice(i + 1)), v6: false };
}

/** A /proc/net/{tcp,udp}[6] file with the kernel's header and column layout. */
export function procNetTable(kind: 'tcp' | 'udp', v6: boolean, rows: readonly SocketRow[]): string {
  const header = v6
    ? '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode'
    : kind === 'tcp'
      ? '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode'
      : '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops';
  const lines = rows.map((r, i) => {
    const l = split(r.local);
    const rem = split(r.remote ?? (v6 ? '[::]:0' : '0.0.0.0:0'));
    const enc = v6 ? ipv6Hex : ipv4Hex;
    const tail = kind === 'tcp' ? '1 0000000000000000 100 0 0 10 0' : '2 0000000000000000 0';
    return `${String(i).padStart(4)}: ${enc(l.ip)}:${hexPort(l.port)} ${enc(rem.ip)}:${hexPort(rem.port)} ${STATES[r.state]} 00000000:00000000 00:00000000 00000000 ${String(r.uid ?? 0).padStart(5)}        0 ${r.inode} ${tail}`;
  });
  return `${[header, ...lines].join('\n')}\n`;
}

/** The four socket tables as read answers, from one list of sockets (addresses decide the table). */
export function socketTables(tcp: readonly SocketRow[], udp: readonly SocketRow[]): FixtureAnswer[] {
  const isV6 = (r: SocketRow) => r.local.startsWith('[');
  return [
    { op: 'read', path: '/proc/net/tcp', result: { text: procNetTable('tcp', false, tcp.filter((r) => !isV6(r))) } },
    { op: 'read', path: '/proc/net/tcp6', result: { text: procNetTable('tcp', true, tcp.filter(isV6)) } },
    { op: 'read', path: '/proc/net/udp', result: { text: procNetTable('udp', false, udp.filter((r) => !isV6(r))) } },
    { op: 'read', path: '/proc/net/udp6', result: { text: procNetTable('udp', true, udp.filter(isV6)) } },
  ];
}

/** The socket-owner listing (`find /proc … -printf '%p %l\n'`) and each owner's comm. */
export function socketOwners(owners: readonly { pid: number; comm: string; inodes: readonly number[] }[], command: readonly string[]): FixtureAnswer[] {
  const lines = owners.flatMap((o) => o.inodes.map((inode, fd) => `/proc/${o.pid}/fd/${fd + 3} socket:[${inode}]`));
  return [
    { op: 'exec', argv: [...command], sudo: false, result: { code: 0, stdout: lines.map((l) => `${l}\n`).join(''), stderr: '' } },
    ...owners.map((o): FixtureAnswer => ({ op: 'read', path: `/proc/${o.pid}/comm`, result: { text: `${o.comm}\n` } })),
  ];
}

/** A stat answer. */
export function statAnswer(path: string, type: 'file' | 'dir', mode: number, size: number, mtime: Date, uid = 1000): FixtureAnswer {
  return { op: 'stat', path, result: { type, size, mode, uid, gid: uid, mtimeMs: mtime.getTime() } };
}

/** A missing path (stat → null). */
export function missing(path: string): FixtureAnswer {
  return { op: 'stat', path, result: null };
}

/** A file's text. */
export function fileAnswer(path: string, text: string): FixtureAnswer {
  return { op: 'read', path, result: { text } };
}

/** A command's answer. */
export function execAnswer(argv: readonly string[], stdout: string, code = 0, stderr = ''): FixtureAnswer {
  return { op: 'exec', argv: [...argv], sudo: false, result: { code, stdout, stderr } };
}

/** Hours before a moment. */
export function hoursBefore(d: Date, hours: number): Date {
  return new Date(d.getTime() - hours * 3_600_000);
}
