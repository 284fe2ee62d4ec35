// OpenSSH known_hosts: parse plain and hashed entries, look a host up, format new entries, fingerprint keys.
import { createHash, createHmac, randomBytes } from 'node:crypto';

/** One usable known_hosts entry. */
export interface KnownHostEntry {
  /** The host patterns as written (or the hashed form). */
  patterns: string;
  keyType: string;
  /** The public key blob (SSH wire format). */
  key: Buffer;
  /** 1-based line in the file. */
  line: number;
  revoked: boolean;
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function hostToken(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** `SHA256:…` fingerprint of a key blob, as `ssh-keygen -l` prints it. */
export function fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside a key blob (e.g. `ssh-ed25519`). */
export function keyTypeOf(key: Buffer): string {
  if (key.length < 4) return 'unknown';
  const len = key.readUInt32BE(0);
  return key.subarray(4, 4 + len).toString('latin1');
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

function hashedMatches(pattern: string, token: string): boolean {
  const [, magic, salt, hash] = pattern.split('|');
  if (magic !== '1' || !salt || !hash) return false;
  const mac = createHmac('sha1', Buffer.from(salt, 'base64')).update(token).digest('base64');
  return mac === hash;
}

/** Whether a comma-separated pattern list matches the host token (negations `!` win). */
export function patternsMatch(patterns: string, token: string): boolean {
  if (patterns.startsWith('|')) return hashedMatches(patterns, token);
  let matched = false;
  for (const raw of patterns.split(',')) {
    const negated = raw.startsWith('!');
    const p = negated ? raw.slice(1) : raw;
    if (globToRegExp(p).test(token)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/** Parse a known_hosts file; unusable lines (comments, certificates authorities, garbage) are skipped. */
export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    let revoked = false;
    if (fields[0]?.startsWith('@')) {
      const marker = fields.shift();
      if (marker === '@cert-authority') return;
      revoked = marker === '@revoked';
    }
    const [patterns, keyType, b64] = fields;
    if (!patterns || !keyType || !b64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return;
    const key = Buffer.from(b64, 'base64');
    if (keyTypeOf(key) !== keyType) return;
    entries.push({ patterns, keyType, key, line: i + 1, revoked });
  });
  return entries;
}

/** Entries for a host and port. */
export function lookupHost(entries: readonly KnownHostEntry[], host: string, port: number): KnownHostEntry[] {
  const token = hostToken(host, port);
  return entries.filter((e) => patternsMatch(e.patterns, token));
}

/** The verdict on a key a server presented. */
export type HostKeyVerdict =
  | { state: 'trusted'; entry: KnownHostEntry }
  | { state: 'unknown' }
  | { state: 'changed'; expected: KnownHostEntry[] }
  | { state: 'revoked'; entry: KnownHostEntry };

/** Compare a presented key with what is pinned for the host. */
export function verifyHostKey(entries: readonly KnownHostEntry[], host: string, port: number, key: Buffer): HostKeyVerdict {
  const mine = lookupHost(entries, host, port);
  const revoked = mine.find((e) => e.revoked && e.key.equals(key));
  if (revoked) return { state: 'revoked', entry: revoked };
  const pinned = mine.filter((e) => !e.revoked);
  const exact = pinned.find((e) => e.key.equals(key));
  if (exact) return { state: 'trusted', entry: exact };
  if (pinned.length === 0) return { state: 'unknown' };
  return { state: 'changed', expected: pinned };
}

/** A known_hosts line for a host, hashed like `HashKnownHosts yes` so the file does not list the homelab. */
export function formatEntry(host: string, port: number, key: Buffer, salt: Buffer = randomBytes(20)): string {
  const token = hostToken(host, port);
  const hash = createHmac('sha1', salt).update(token).digest('base64');
  return `|1|${salt.toString('base64')}|${hash} ${keyTypeOf(key)} ${key.toString('base64')}`;
}
