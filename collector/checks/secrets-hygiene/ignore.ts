// Path globs and ignore entries (`.vigilignore`, `ignore:` in vigil.yaml): which files to skip, and
// which findings to drop by path and rule or by the secret's salted hash (like .gitleaksignore).

/**
 * A glob as a RegExp over absolute paths. `*` and `?` stay inside one path segment, `**` crosses
 * segments. A glob without `/` matches a file or folder name anywhere below `base`; one with `/` is
 * anchored at `base` (absolute when it starts with `/` in vigil.yaml, where base is `/`).
 */
export function globToRegExp(glob: string, base = '/'): RegExp {
  const anchored = glob.includes('/');
  let body = '';
  const g = glob.replace(/^\/+/, '');
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*' && g[i + 1] === '*') {
      const slash = g[i + 2] === '/';
      body += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') body += '[^/]*';
    else if (c === '?') body += '[^/]';
    else body += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // A match on a folder covers everything under it.
  return anchored ? new RegExp(`^${escaped}${body}(?:/.*)?$`) : new RegExp(`^${escaped}(?:.*/)?${body}(?:/.*)?$`);
}

/** Parsed ignore entries, each scoped to the folder whose `.vigilignore` listed it. */
export class IgnoreList {
  private readonly paths: RegExp[] = [];
  private readonly pathRules: Array<{ path: RegExp; rule: string }> = [];
  private readonly hashes = new Set<string>();

  /**
   * Add entries (one per line, `#` comments): `GLOB` skips matching files, `GLOB:RULE` drops that
   * rule's findings there, a 16-hex salted hash drops that secret wherever it is.
   */
  add(text: string, base: string, ruleIds: ReadonlySet<string>): void {
    for (const raw of text.split(/\r?\n/)) {
      const entry = raw.trim();
      if (entry === '' || entry.startsWith('#')) continue;
      if (/^[0-9a-f]{16}$/.test(entry)) {
        this.hashes.add(entry);
        continue;
      }
      const colon = entry.lastIndexOf(':');
      const rule = colon > 0 ? entry.slice(colon + 1) : '';
      if (ruleIds.has(rule)) this.pathRules.push({ path: globToRegExp(entry.slice(0, colon), base), rule });
      else this.paths.push(globToRegExp(entry, base));
    }
  }

  /** True when the file (or folder) is not to be read at all. */
  skipsPath(path: string): boolean {
    return this.paths.some((p) => p.test(path));
  }

  /** True when a finding of `rule` at `path` with this salted hash is ignored. */
  dropsHit(path: string, rule: string, hash: string): boolean {
    return this.hashes.has(hash) || this.pathRules.some((p) => p.rule === rule && p.path.test(path));
  }

  /** A copy, so a folder's `.vigilignore` applies to its subtree only. */
  clone(): IgnoreList {
    const copy = new IgnoreList();
    copy.paths.push(...this.paths);
    copy.pathRules.push(...this.pathRules);
    for (const h of this.hashes) copy.hashes.add(h);
    return copy;
  }
}
