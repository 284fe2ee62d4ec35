// Expand `~` and environment variables in configured paths.

/** Result of expanding: the path, or the name of a variable that was not set. */
export type Expanded = { ok: true; path: string } | { ok: false; missing: string };

/** Expand a leading `~` / `~/` and `$VAR` / `${VAR}` anywhere. Unset variables are reported, not emptied. */
export function expandPath(input: string, env: NodeJS.ProcessEnv, home: string): Expanded {
  let missing: string | null = null;
  let path = input.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (whole, braced, bare) => {
    const name = (braced ?? bare) as string;
    const value = env[name];
    if (value === undefined) {
      missing ??= name;
      return whole;
    }
    return value;
  });
  if (missing) return { ok: false, missing };
  if (path === '~') path = home;
  else if (path.startsWith('~/')) path = `${home}${path.slice(1)}`;
  return { ok: true, path };
}
