// `vigil doctor`: is everything Vigil needs usable? Prints each verdict and what to do about it.
import { access, constants, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../config/load';
import type { HostConfig } from '../../config/types';
import { openHost } from '../../engine/hosts';
import type { Host } from '../../host/host';
import type { ConnectFailure } from '../../host/ssh/connect';
import { LOCK_FILE } from '../../engine/lock';
import { messageOf } from '../../errors/vigil-error';
import { parseCommand } from '../args';
import { paint, processOutput, type Output } from '../output';

/** One verdict of the doctor. */
export interface Verdict {
  ok: boolean;
  what: string;
  fix?: string;
  /** Problems that do not stop a run (e.g. a missing optional tool). */
  warning?: boolean;
}

async function dirVerdicts(label: string, dir: string, create: string): Promise<Verdict[]> {
  const info = await stat(dir).catch(() => null);
  if (!info) return [{ ok: false, warning: true, what: `${label} ${dir} does not exist yet`, fix: create }];
  if (!info.isDirectory()) return [{ ok: false, what: `${label} ${dir} is not a directory` }];
  const out: Verdict[] = [];
  const probe = join(dir, `.vigil-doctor-${process.pid}`);
  try {
    await writeFile(probe, 'x', { mode: 0o600 });
    await rm(probe);
    out.push({ ok: true, what: `${label} ${dir} is writable` });
  } catch (error) {
    out.push({ ok: false, what: `${label} ${dir} is not writable (${messageOf(error)})`, fix: `check the owner and mode of ${dir}` });
  }
  return out;
}

/** Collect every verdict (exported for tests). */
export async function diagnose(configPath: string | null): Promise<Verdict[]> {
  const verdicts: Verdict[] = [];
  let config;
  try {
    config = await loadConfig(configPath);
    verdicts.push({ ok: true, what: config.file ? `config ${config.file} is valid` : 'no config file: using the defaults (this machine only)' });
  } catch (error) {
    verdicts.push({ ok: false, what: `config: ${messageOf(error)}` });
    return verdicts;
  }
  verdicts.push(...(await dirVerdicts('state directory', config.stateDir, 'it is created by the first run (or `vigil init`)')));
  const stateInfo = await stat(config.stateDir).catch(() => null);
  if (stateInfo && stateInfo.mode & 0o077) {
    verdicts.push({ ok: false, warning: true, what: `state directory is open to other users (mode 0${(stateInfo.mode & 0o777).toString(8)})`, fix: `chmod 700 ${config.stateDir}` });
  }
  const lock = await stat(join(config.stateDir, LOCK_FILE)).catch(() => null);
  if (lock) verdicts.push({ ok: false, warning: true, what: `a lock file exists (${join(config.stateDir, LOCK_FILE)}): a run is in progress or one died`, fix: 'the next run takes over a dead run\'s lock by itself' });
  verdicts.push(...(await dirVerdicts('vault folder', resolve(config.vault, config.folder), 'it is created by the first run')));
  for (const h of config.hosts) {
    const opened = await openHost(h);
    if ('error' in opened) {
      verdicts.push({ ok: false, what: `host ${h.name}: ${opened.error}`, ...(opened.failure ? { fix: sshFix(h, opened.failure) } : {}) });
      continue;
    }
    try {
      if (h.kind === 'local') {
        await access('/proc/net/tcp', constants.R_OK).then(
          () => verdicts.push({ ok: true, what: `host ${h.name}: socket tables readable` }),
          () => verdicts.push({ ok: false, warning: true, what: `host ${h.name}: /proc/net/tcp is not readable (not Linux?)` }),
        );
        const docker = await stat(h.docker).catch(() => null);
        verdicts.push(
          docker
            ? { ok: true, what: `host ${h.name}: Docker API socket ${h.docker} present` }
            : { ok: false, warning: true, what: `host ${h.name}: no Docker API socket at ${h.docker}`, fix: 'container checks will be skipped; set hosts[].docker if it lives elsewhere' },
        );
      } else if (h.kind === 'ssh') {
        verdicts.push(...(await sshVerdicts(h, opened.host)));
      } else verdicts.push({ ok: true, what: `host ${h.name}: fixture loaded` });
    } finally {
      await opened.host.close();
    }
  }
  return verdicts;
}

function print(o: Output, v: Verdict): void {
  const mark = v.ok ? paint(o, 'green', '✓') : v.warning ? paint(o, 'yellow', '!') : paint(o, 'red', '✗');
  o.out(`${mark} ${v.what}\n`);
  if (v.fix && !v.ok) o.out(`    ${paint(o, 'gray', `→ ${v.fix}`)}\n`);
}

/** Print the diagnosis; exit 0 when nothing blocks a run. */
export async function doctorCommand(argv: string[]): Promise<number> {
  const { values } = parseCommand('doctor', argv, {});
  const o = processOutput(false, Boolean(values['no-color']));
  const verdicts = await diagnose(values.config ?? null);
  for (const v of verdicts) print(o, v);
  return verdicts.some((v) => !v.ok && !v.warning) ? 2 : 0;
}

/** What to do about an SSH connection failure. */
function sshFix(h: HostConfig, failure: ConnectFailure): string {
  const ssh = h.ssh;
  switch (failure) {
    case 'key-unknown':
      return `compare the fingerprint on the machine, then: vigil trust ${h.name}`;
    case 'key-changed':
      return `if ${h.name} was reinstalled, compare the new fingerprint on its console, then: vigil trust ${h.name} --replace; otherwise do not connect`;
    case 'key-revoked':
      return `the key is marked @revoked in ${ssh?.knownHosts ?? 'known_hosts'}`;
    case 'auth':
      return `add the public key of ${ssh?.key ?? 'your agent'} to ~${ssh?.user ?? ''}/.ssh/authorized_keys on ${h.name}`;
    case 'key-file':
      return 'check hosts[].ssh.key and key_passphrase_env';
    case 'dns':
      return `check hosts[].ssh.host (${ssh?.host ?? ''}) or your DNS`;
    default:
      return `check that sshd runs on ${ssh?.host ?? ''}:${ssh?.port ?? 22} and a firewall lets Vigil in`;
  }
}

/**
 * Vigil's root-only reads are `sudo -n cat FILE` and `sudo -n journalctl …`, so that is what is probed: a
 * narrow sudoers rule that allows exactly those passes, where probing `sudo -n true` would fail it.
 */
export async function sudoVerdict(h: HostConfig, host: Host): Promise<Verdict> {
  const fix = `add a NOPASSWD sudoers rule for ${h.ssh?.user ?? 'the Vigil user'} on ${h.name} (README, "Remote machines": cat and journalctl), or set sudo: false (root-only reads are then skipped)`;
  try {
    const r = await host.exec(['cat', '/dev/null'], { sudo: true, timeoutMs: 10_000 });
    return r.code === 0
      ? { ok: true, what: `host ${h.name}: sudo -n cat works` }
      : { ok: false, warning: true, what: `host ${h.name}: sudo -n cat /dev/null exited ${r.code}`, fix };
  } catch (error) {
    return { ok: false, warning: true, what: `host ${h.name}: ${messageOf(error)}`, fix };
  }
}

/** Connected: is sudo usable (when configured) and the Docker API reachable through the tunnel? */
async function sshVerdicts(h: HostConfig, host: Host): Promise<Verdict[]> {
  const out: Verdict[] = [{ ok: true, what: `host ${h.name}: connected as ${h.ssh?.user ?? '?'}, host key pinned` }];
  if (h.sudo) out.push(await sudoVerdict(h, host));
  try {
    const r = await host.http({ socketPath: h.docker, url: '/_ping', timeoutMs: 10_000 });
    out.push({ ok: r.status === 200, warning: r.status !== 200, what: `host ${h.name}: Docker API at ${h.docker} answered ${r.status}` });
  } catch (error) {
    out.push({ ok: false, warning: true, what: `host ${h.name}: Docker API not reachable through SSH (${messageOf(error)})`, fix: `container checks are skipped; if Docker runs there, add ${h.ssh?.user ?? 'the user'} to the docker group or set hosts[].docker` });
  }
  return out;
}
