// Integration prerequisites: a real binary must exist; in CI its absence is a failure, elsewhere a printed skip.
import { execFileSync } from 'node:child_process';

/** Absolute path of a program on PATH (or in /usr/sbin), or null. */
export function which(name: string): string | null {
  for (const cmd of [['sh', '-c', `command -v ${name}`], ['sh', '-c', `test -x /usr/sbin/${name} && echo /usr/sbin/${name}`]]) {
    try {
      const out = execFileSync(cmd[0]!, cmd.slice(1), { encoding: 'utf8' }).trim();
      if (out) return out;
    } catch {
      // not found this way
    }
  }
  return null;
}

/** True when running in CI, where every integration prerequisite is installed by .ci/run. */
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

/**
 * The path of a required binary. Outside CI a missing binary returns null (the caller skips and says why);
 * in CI it throws, because .ci/run is supposed to have installed it.
 */
export function requireBinary(name: string, debianPackage: string): string | null {
  const found = which(name);
  if (found) return found;
  const message = `${name} is not installed (Debian package ${debianPackage}); .ci/run installs it`;
  if (IN_CI) throw new Error(message);
  console.warn(`skipping: ${message}`);
  return null;
}
