// Private key files: recognise one (and whether it is passphrase-protected), and find the ones every
// user can read — in the scanned folders and in the usual key folders (~/.ssh, /etc/ssh, /etc/ssl/private).
import { isProbeError } from '../../errors/probe-error';
import type { FileStat, Host } from '../../host/host';
import { expandRoots } from './walk';

/** A private key file as the analyzer sees it: never its content. */
export interface KeyFile {
  path: string;
  /** Permission bits, e.g. 0o644. */
  mode: number;
  uid: number;
  kind: 'openssh' | 'pem' | 'pkcs8' | 'pgp' | 'putty';
  /** Passphrase-protected; null when the format does not say. */
  encrypted: boolean | null;
  /** Every folder above it lets other users through (o+x), so "readable by all" is real. */
  reachable: boolean;
}

/** What a file's content says about it as a key file. */
export interface KeyFileInfo {
  kind: KeyFile['kind'];
  encrypted: boolean | null;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/** openssh-key-v1: magic, then the cipher name as a length-prefixed string (OpenSSH PROTOCOL.key). */
function opensshEncrypted(block: string): boolean | null {
  const body = block.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
  const bytes = Buffer.from(body, 'base64');
  const magic = 'openssh-key-v1\0';
  if (bytes.length < magic.length + 4 || bytes.toString('latin1', 0, magic.length) !== magic) return null;
  const length = bytes.readUInt32BE(magic.length);
  const cipher = bytes.toString('latin1', magic.length + 4, magic.length + 4 + length);
  return cipher !== 'none';
}

/**
 * A file that holds nothing but PEM blocks, one of them a private key (a key file, possibly with its
 * certificate), or a PuTTY key. Keys inside other files are the scanner's `private-key` rule instead.
 */
export function privateKeyFile(data: Uint8Array): KeyFileInfo | null {
  // Cheap refusal first (this runs on every file): a key file starts with "-----BEGIN" or "PuTTY".
  let first = 0;
  while (first < data.length && (data[first] === 0x20 || data[first] === 0x09 || data[first] === 0x0a || data[first] === 0x0d)) first++;
  if (data[first] !== 0x2d && data[first] !== 0x50) return null;
  const text = Buffer.from(data.buffer, data.byteOffset, Math.min(data.byteLength, 1 << 20)).toString('latin1');
  if (/^\s*PuTTY-User-Key-File-\d+:/.test(text)) return { kind: 'putty', encrypted: !/^Encryption: none\s*$/m.test(text) };
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0 || text.replace(PEM_BLOCK, '').trim() !== '') return null;
  const key = blocks.find((b) => /^-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/.test(b));
  if (!key) return null;
  const label = /^-----BEGIN ([A-Z0-9 ]+)-----/.exec(key)![1]!;
  if (label === 'OPENSSH PRIVATE KEY') return { kind: 'openssh', encrypted: opensshEncrypted(key) };
  if (label === 'ENCRYPTED PRIVATE KEY') return { kind: 'pkcs8', encrypted: true };
  if (label === 'PRIVATE KEY') return { kind: 'pkcs8', encrypted: false };
  if (label.startsWith('PGP')) return { kind: 'pgp', encrypted: null };
  return { kind: 'pem', encrypted: /^Proc-Type:\s*4,ENCRYPTED/m.test(key) };
}

/** True when other users may read the file (the `o+r` bit). */
export function readableByOthers(mode: number): boolean {
  return (mode & 0o004) !== 0;
}

/** Files in key folders that are never private keys. */
const NOT_KEYS = /\.pub$|^known_hosts|^authorized_keys|^config$|^environment$|^rc$|^moduli$|_config$|\.conf$|\.(crt|cer|csr|srl)$|^ssh_import_id$/;

/** Stats of folders, so a key's ancestors are asked about once per run. */
export class FolderStats {
  private readonly cache = new Map<string, Promise<FileStat | null>>();
  constructor(private readonly host: Host) {}

  /** Every folder from / down to the file's parent has o+x (a missing or unknown one counts as closed). */
  async reachable(path: string): Promise<boolean> {
    const parts = path.split('/').filter(Boolean).slice(0, -1);
    const folders = ['/', ...parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}`)];
    for (const folder of folders) {
      let pending = this.cache.get(folder);
      if (!pending) {
        pending = this.host.stat(folder).catch(() => null);
        this.cache.set(folder, pending);
      }
      const s = await pending;
      if (!s || (s.mode & 0o001) === 0) return false;
    }
    return true;
  }
}

/** A key file the scan read, before its folders are checked. */
export interface KeyCandidate {
  path: string;
  stat: FileStat;
  info: KeyFileInfo;
}

/** Look in the key folders for world-readable files that are private keys; only those files are read. */
export async function probeKeyFolders(host: Host, patterns: readonly string[], signal: AbortSignal): Promise<KeyCandidate[]> {
  const found: KeyCandidate[] = [];
  for (const dir of await expandRoots(host, patterns)) {
    let entries;
    try {
      entries = await host.list(dir);
    } catch (error) {
      if (isProbeError(error, 'ENOTRECORDED')) throw error;
      continue; // missing, or closed to us: then it is closed to other users too
    }
    for (const e of entries) {
      if (e.type !== 'file' || NOT_KEYS.test(e.name)) continue;
      const path = `${dir.replace(/\/$/, '')}/${e.name}`;
      try {
        const stat = await host.stat(path);
        if (!stat || stat.type !== 'file' || !readableByOthers(stat.mode) || stat.size > 1 << 20) continue;
        const info = privateKeyFile(await host.readFile(path, { maxBytes: 1 << 20, signal }));
        if (info) found.push({ path, stat, info });
      } catch (error) {
        if (isProbeError(error, 'ENOTRECORDED')) throw error;
      }
    }
  }
  return found;
}

/** Turn world-readable key candidates into key files with their folders' reachability. */
export async function worldReadableKeys(host: Host, candidates: readonly KeyCandidate[]): Promise<KeyFile[]> {
  const folders = new FolderStats(host);
  const seen = new Set<string>();
  const out: KeyFile[] = [];
  for (const c of candidates) {
    if (seen.has(c.path) || !readableByOthers(c.stat.mode)) continue;
    seen.add(c.path);
    out.push({ path: c.path, mode: c.stat.mode, uid: c.stat.uid, kind: c.info.kind, encrypted: c.info.encrypted, reachable: await folders.reachable(c.path) });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
