// `vigil trust HOST`: show the SSH host key's fingerprint and pin it in Vigil's known_hosts.
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { loadConfig } from '../../config/load';
import { UsageError } from '../../errors/usage-error';
import { fetchHostKey, readKnownHosts } from '../../host/ssh/connect';
import { fingerprint, formatEntry, keyTypeOf, lookupHost, patternsMatch, hostToken, verifyHostKey } from '../../host/ssh/known-hosts';
import { parseCommand } from '../args';
import { paint, processOutput } from '../output';

/** Pin a host's key; returns the exit code. */
export async function trustCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('trust', argv, { yes: { type: 'boolean', short: 'y' }, replace: { type: 'boolean' } }, true);
  const name = positionals[0];
  if (!name || positionals.length > 1) throw new UsageError('trust: give exactly one host name from the config');
  const o = processOutput(false, Boolean(values['no-color']));
  const config = await loadConfig(values.config ?? null);
  const host = config.hosts.find((h) => h.name === name);
  if (!host) throw new UsageError(`trust: no host named "${name}" in the config`);
  if (!host.ssh) throw new UsageError(`trust: ${name} is not an SSH host`);
  const ssh = host.ssh;
  const key = await fetchHostKey(ssh);
  const fp = fingerprint(key);
  const known = await readKnownHosts(ssh.knownHosts);
  const verdict = verifyHostKey(known, ssh.host, ssh.port, key);
  o.out(`${name} (${ssh.host}:${ssh.port}) presents a ${keyTypeOf(key)} key\n  ${paint(o, 'bold', fp)}\n`);
  if (verdict.state === 'trusted') {
    o.out(`already trusted (${ssh.knownHosts}:${verdict.entry.line})\n`);
    return 0;
  }
  if (verdict.state === 'changed' && !values.replace) {
    o.out(paint(o, 'red', `This is NOT the key pinned for ${name} (${verdict.expected.map((e) => fingerprint(e.key)).join(', ')}).\n`));
    o.out('If the machine was reinstalled, compare the fingerprint on its console and run again with --replace.\n');
    return 2;
  }
  o.out(`Compare it on the machine itself: ssh-keygen -lf /etc/ssh/ssh_host_${keyTypeOf(key).replace(/^ssh-|^ecdsa-sha2-nistp\d+$/, '') || 'ecdsa'}_key.pub\n`);
  if (!values.yes) {
    if (!process.stdin.isTTY) {
      o.err('vigil trust: not a terminal; re-run with --yes once you have compared the fingerprint\n');
      return 2;
    }
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = (await rl.question('Trust this key? [y/N] ')).trim().toLowerCase();
    rl.close();
    if (answer !== 'y' && answer !== 'yes') {
      o.out('not trusted\n');
      return 2;
    }
  }
  await mkdir(dirname(ssh.knownHosts), { recursive: true, mode: 0o700 });
  if (verdict.state === 'changed') {
    // Drop the old lines for this host (plain or hashed), keep everything else byte for byte.
    const token = hostToken(ssh.host, ssh.port);
    const text = await readFile(ssh.knownHosts, 'utf8');
    const stale = new Set(lookupHost(known, ssh.host, ssh.port).filter((e) => patternsMatch(e.patterns, token)).map((e) => e.line));
    const kept = text.split('\n').filter((_, i) => !stale.has(i + 1));
    await writeFile(ssh.knownHosts, kept.join('\n'), { mode: 0o600 });
  }
  await appendFile(ssh.knownHosts, `${formatEntry(ssh.host, ssh.port, key)}\n`, { mode: 0o600 });
  o.out(`pinned in ${ssh.knownHosts}\n`);
  return 0;
}
