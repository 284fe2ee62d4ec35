// Benchmark: ssh-auth's parse + analyze path on a generated auth.log (1,000,000 lines by default) against
// fail2ban-regex with Debian's sshd filter on the same file; prints both times, the ratio and Vigil's peak memory.
// Usage: npm run bench -- ssh-auth [lines] [--no-baseline]
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newAggregator, resolveOptions, type SshAuthObservation } from '../collector/checks/ssh-auth';
import { analyzeSshAuth } from '../collector/checks/ssh-auth/analyze';
import { LineSplitter } from '../collector/checks/ssh-auth/lines';
import { LocalHost } from '../collector/host/local-host';
import { prng } from '../test/helpers/fuzz';
import { report, timeCommand, timeIt } from './lib';

const LINES = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const BASELINE = !process.argv.includes('--no-baseline');
const FILTER = '/etc/fail2ban/filter.d/sshd.conf';
const NOW = new Date('2026-11-23T06:15:00Z');

/** Write a realistic day of an internet-facing Debian 12 box's auth.log (rsyslog RFC 3339 format). */
async function generate(path: string, lines: number): Promise<void> {
  const rand = prng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const out = createWriteStream(path);
  const start = NOW.getTime() - 23 * 3_600_000;
  const step = (23 * 3_600_000) / lines;
  const names = ['root', 'admin', 'test', 'user', 'ubuntu', 'oracle', 'postgres', 'git', 'pi', 'guest', 'support', 'ftpuser', 'deploy', 'hadoop', 'Summer2024!', 'minecraft'];
  const attackers = Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? `2001:db8:${(i >> 8).toString(16)}::${(i & 255).toString(16)}` : `${[203, 198, 45, 185, 91][i % 5]}.${(i * 7) % 256}.${(i * 13) % 256}.${i % 254 + 1}`));
  let written = 0;
  let pid = 10_000;
  let buf: string[] = [];
  const emit = (program: string, msg: string) => {
    const t = new Date(start + written * step);
    const us = String(Math.floor(rand() * 1000)).padStart(3, '0');
    buf.push(`${t.toISOString().slice(0, 23)}${us}+00:00 bastion ${program}: ${msg}\n`);
    written++;
  };
  const flush = async () => {
    if (!out.write(buf.join(''))) await new Promise<void>((r) => out.once('drain', () => r()));
    buf = [];
  };
  while (written < lines) {
    const r = rand();
    const port = 1024 + Math.floor(rand() * 64000);
    pid++;
    if (r < 0.62) {
      // A brute-force connection: a few guesses, then the bot leaves.
      const ip = attackers[Math.floor(Math.pow(rand(), 3) * attackers.length)]!;
      const user = pick(names);
      const valid = user === 'root' || user === 'git';
      emit(`sshd[${pid}]`, `Connection from ${ip} port ${port} on 192.0.2.10 port 22 rdomain ""`);
      if (!valid) emit(`sshd[${pid}]`, `Invalid user ${user} from ${ip} port ${port}`);
      emit(`sshd[${pid}]`, `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}${valid ? `  user=${user}` : ''}`);
      for (let i = 0, n = 1 + Math.floor(rand() * 3); i < n; i++) emit(`sshd[${pid}]`, `Failed password for ${valid ? '' : 'invalid user '}${user} from ${ip} port ${port} ssh2`);
      emit(`sshd[${pid}]`, `Received disconnect from ${ip} port ${port}:11: Bye Bye [preauth]`);
      emit(`sshd[${pid}]`, `Disconnected from ${valid ? 'authenticating' : 'invalid'} user ${user} ${ip} port ${port} [preauth]`);
    } else if (r < 0.72) {
      const ip = pick(attackers);
      emit(`sshd[${pid}]`, pick([`Connection closed by ${ip} port ${port} [preauth]`, `banner exchange: Connection from ${ip} port ${port}: invalid format`, `Unable to negotiate with ${ip} port ${port}: no matching host key type found. Their offer: ssh-rsa,ssh-dss [preauth]`]));
    } else if (r < 0.84) {
      emit(`CRON[${pid}]`, 'pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)');
      emit(`CRON[${pid}]`, 'pam_unix(cron:session): session closed for user root');
    } else if (r < 0.92) {
      // The owner, with a key, from the LAN or Tailscale; newer hosts log through sshd-session.
      const ip = rand() < 0.5 ? '192.168.1.23' : '100.101.12.9';
      const prog = rand() < 0.5 ? `sshd-session[${pid}]` : `sshd[${pid}]`;
      emit(prog, `Accepted publickey for alex from ${ip} port ${port} ssh2: ED25519 SHA256:Xq8y1cXK2m6vWc3l0h6Qe4tGm1bJpG8b2D0ZfQyJx7U`);
      emit(prog, 'pam_unix(sshd:session): session opened for user alex(uid=1000) by alex(uid=0)');
      emit('systemd-logind[812]', `New session ${pid % 5000} of user alex.`);
      emit(prog, `Disconnected from user alex ${ip} port ${port}`);
    } else {
      emit('sudo', rand() < 0.02 ? '    alex : 1 incorrect password attempt ; TTY=pts/0 ; PWD=/home/alex ; USER=root ; COMMAND=/usr/bin/apt update' : `    alex : TTY=pts/0 ; PWD=/home/alex ; USER=root ; COMMAND=${pick(['/usr/bin/apt update', '/usr/bin/docker ps', '/usr/bin/systemctl restart nginx'])}`);
      emit('sudo', 'pam_unix(sudo:session): session opened for user root(uid=0) by alex(uid=1000)');
    }
    if (buf.length > 4096) await flush();
  }
  await flush();
  await new Promise<void>((r) => out.end(() => r()));
}

const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-ssh-'));
const file = join(dir, 'auth.log');
await generate(file, LINES);
console.log(`generated ${file}: ${LINES.toLocaleString('en')} lines, ${(statSync(file).size / 1e6).toFixed(1)} MB`);

const options = resolveOptions({ source: 'file', log: file, known_networks: ['192.168.1.0/24', '100.64.0.0/10'], expected_sudo_users: ['alex'] });
const host = new LocalHost('bench');
let peakRss = 0;
let findings = 0;
let stats: SshAuthObservation['stats'] | null = null;
/** The check's own path: Host.readStream → bounded line splitter → parse + fold → analyze. */
async function vigil(): Promise<void> {
  const agg = newAggregator(NOW, options);
  const splitter = new LineSplitter((line) => agg.line(line));
  let chunks = 0;
  for await (const chunk of host.readStream(file)) {
    splitter.push(chunk);
    if (++chunks % 64 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  splitter.end();
  const obs: SshAuthObservation = { ...agg.summary(), origin: 'file', files: [file], since: NOW.getTime() - options.window, until: NOW.getTime(), damaged: [], journalTruncated: false };
  findings = analyzeSshAuth(obs, options, 'bastion').length;
  stats = obs.stats;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}

const ours = await timeIt(vigil, 3);
const maxRssMb = process.resourceUsage().maxRSS / 1024;
console.log(`vigil: ${stats!.events.toLocaleString('en')} events, ${findings} findings, ${stats!.sourcesDropped} addresses dropped by the cap`);

const f2b = spawnSync('fail2ban-regex', ['--version'], { encoding: 'utf8' });
if (!BASELINE) {
  console.log(`ssh-auth parse + analyze: ${ours.toFixed(1)} ms (no baseline run)`);
} else if (f2b.error || f2b.status !== 0) {
  console.log('fail2ban-regex is not installed (Debian package fail2ban): no baseline');
} else {
  const summary = spawnSync('fail2ban-regex', [file, FILTER], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  console.log(`fail2ban-regex ${f2b.stdout.trim()}: ${/Lines: .*/.exec(summary.stdout)?.[0] ?? 'no summary'}`);
  const baseline = timeCommand(['fail2ban-regex', file, FILTER], 1);
  report('ssh-auth parse + analyze', ours, `fail2ban-regex ${FILTER}`, baseline.ms);
}
console.log(`vigil peak memory: ${(peakRss / 1024 / 1024).toFixed(1)} MiB RSS sampled during the runs, ${maxRssMb.toFixed(1)} MiB maxRSS for the whole process (target < 200 MB)`);
rmSync(dir, { recursive: true, force: true });
