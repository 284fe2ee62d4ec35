// Parse /proc/net/{tcp,tcp6,udp,udp6} and the socket-inode → process map into typed sockets.
import { ParseError } from '../../errors/parse-error';

/** The /proc/net tables we read. */
export type ProcNetTable = 'tcp' | 'tcp6' | 'udp' | 'udp6';

/** One socket from a /proc/net table. */
export interface ProcSocket {
  table: ProcNetTable;
  protocol: 'tcp' | 'udp';
  address: string;
  port: number;
  /** Kernel socket state (0A = TCP LISTEN, 07 = UDP unconnected). */
  state: string;
  remotePort: number;
  uid: number;
  inode: string;
}

/** Kernel state codes from include/net/tcp_states.h. */
export const TCP_LISTEN = '0A';
export const UDP_UNCONNECTED = '07';

/** Decode a little-endian hex IPv4 address as the kernel prints it ("0100007F" → 127.0.0.1). */
export function decodeIpv4(hex: string): string {
  const n = Number.parseInt(hex, 16);
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff].join('.');
}

/** Decode a /proc/net/*6 address: four little-endian 32-bit words. v4-mapped addresses print as ::ffff:a.b.c.d. */
export function decodeIpv6(hex: string): string {
  const bytes: number[] = [];
  for (let w = 0; w < 4; w++) {
    const word = hex.slice(w * 8, w * 8 + 8);
    for (let b = 3; b >= 0; b--) bytes.push(Number.parseInt(word.slice(b * 2, b * 2 + 2), 16));
  }
  const isMapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (isMapped) return `::ffff:${bytes.slice(12).join('.')}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  // Compress the longest run of zero groups (RFC 5952).
  let best = { start: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.len && j - i > 1) best = { start: i, len: j - i };
    i = j;
  }
  if (best.start < 0) return groups.join(':');
  const head = groups.slice(0, best.start).join(':');
  const tail = groups.slice(best.start + best.len).join(':');
  return `${head}::${tail}`;
}

const ROW = /^\s*\d+:\s+([0-9A-Fa-f]{8}|[0-9A-Fa-f]{32}):([0-9A-Fa-f]{4})\s+([0-9A-Fa-f]{8}|[0-9A-Fa-f]{32}):([0-9A-Fa-f]{4})\s+([0-9A-Fa-f]{2})\s+\S+\s+\S+\s+\S+\s+(\d+)\s+\d+\s+(\d+)/;

/** Parse one /proc/net table. Malformed rows are a ParseError naming the table and line. */
export function parseProcNet(text: string, table: ProcNetTable): ProcSocket[] {
  const source = `/proc/net/${table}`;
  const lines = text.split('\n');
  if (!/^\s*sl\s+local_address/.test(lines[0] ?? '')) throw new ParseError(source, 'missing the "sl local_address" header', 1);
  const want = table.endsWith('6') ? 32 : 8;
  const out: ProcSocket[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const m = ROW.exec(line);
    if (!m || m[1]!.length !== want) throw new ParseError(source, 'row does not have the kernel\'s socket table layout', i + 1);
    out.push({
      table,
      protocol: table.startsWith('tcp') ? 'tcp' : 'udp',
      address: want === 8 ? decodeIpv4(m[1]!) : decodeIpv6(m[1]!),
      port: Number.parseInt(m[2]!, 16),
      remotePort: Number.parseInt(m[4]!, 16),
      state: m[5]!.toUpperCase(),
      uid: Number(m[6]),
      inode: m[7]!,
    });
  }
  return out;
}

/** Parse `find /proc -lname 'socket:*' -printf '%p %l\n'` output into inode → pid. Unknown lines are ignored. */
export function parseSocketOwners(text: string): Map<string, number> {
  const owners = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^\/proc\/(\d+)\/fd\/\d+ socket:\[(\d+)\]$/.exec(line.trim());
    if (m && !owners.has(m[2]!)) owners.set(m[2]!, Number(m[1]));
  }
  return owners;
}

/** True for a socket that accepts traffic: TCP LISTEN, or an unconnected UDP socket. */
export function isListening(s: ProcSocket): boolean {
  return s.protocol === 'tcp' ? s.state === TCP_LISTEN : s.state === UDP_UNCONNECTED && s.remotePort === 0;
}
