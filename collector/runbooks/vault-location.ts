// Where the vault really lives: a network mount of a machine the runbooks are meant to recover is a finding.

/** One line of /proc/mounts. */
export interface MountEntry {
  source: string;
  target: string;
  type: string;
}

/** Parse /proc/mounts (octal escapes such as \040 for spaces are decoded). */
export function parseMounts(text: string): MountEntry[] {
  const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(Number.parseInt(o, 8)));
  return text
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 3)
    .map(([source, target, type]) => ({ source: unescape(source!), target: unescape(target!), type: type! }));
}

const NETWORK_TYPES = /^(nfs4?|cifs|smb3?|fuse\.sshfs|sshfs|9p|afpfs|fuse\.rclone|davfs)$/;

/** The machine a network mount comes from (`nas:/volume1/x`, `//nas/share`, `user@nas:/x`), or null. */
export function mountServer(m: MountEntry): string | null {
  const cifs = /^\/\/([^/]+)\//.exec(m.source);
  if (cifs) return cifs[1]!;
  const nfs = /^(?:[^@]+@)?\[?([^\]:/]+)\]?:/.exec(m.source);
  return nfs ? nfs[1]! : null;
}

/** The mount that holds `path` when it is a network file system: the longest matching mount point. */
export function networkMountOf(path: string, mounts: readonly MountEntry[]): (MountEntry & { server: string }) | null {
  const holding = mounts
    .filter((m) => path === m.target || path.startsWith(m.target.endsWith('/') ? m.target : `${m.target}/`))
    .sort((a, b) => b.target.length - a.target.length)[0];
  if (!holding || !NETWORK_TYPES.test(holding.type)) return null;
  const server = mountServer(holding);
  return server ? { ...holding, server } : null;
}
