// ssh-auth: SSH brute force, user enumeration, suspicious logins and sudo activity from auth.log or the journal.
import { defineCheck, type GatherContext, type GatherResult } from '../check';
import { AuthAggregator } from './aggregate';
import { analyzeSshAuth } from './analyze';
import { forEachLineReversed, LineSplitter } from './lines';
import type { SshAuthObservation } from './observation';
import { SSH_AUTH_OPTIONS, type SshAuthOptions } from './options';
import { DEFAULT_LOGS, DamagedLogError, findLogFiles, readJournal, readLogFile, type LogFile } from './probe';
import { LogClock } from './timestamps';

export type { SshAuthObservation } from './observation';
export { resolveOptions, type SshAuthOptions } from './options';

type Ctx = GatherContext<SshAuthOptions>;

/** The aggregator for a moment and options: the parse + fold path that gather, tests and the benchmark share. */
export function newAggregator(now: Date, options: SshAuthOptions): AuthAggregator {
  return new AuthAggregator(new LogClock(now, options.timezone), { fast: options.fast, slow: options.slow }, now.getTime() - options.window);
}

function observation(ctx: Ctx, agg: AuthAggregator, extra: Pick<SshAuthObservation, 'origin' | 'files' | 'damaged' | 'journalTruncated'>): SshAuthObservation {
  return { ...agg.summary(), ...extra, since: ctx.now.getTime() - ctx.options.window, until: ctx.now.getTime() };
}

/** Stream the files oldest first through one aggregator; damaged rotations are noted and the others still read. */
async function fromFiles(ctx: Ctx, agg: AuthAggregator, files: LogFile[]): Promise<GatherResult<SshAuthObservation>> {
  const damaged: string[] = [];
  const splitter = new LineSplitter((line) => agg.line(line));
  for (const file of files) {
    try {
      for await (const chunk of readLogFile(ctx.host, file, ctx.hostConfig.sudo, ctx.signal)) splitter.push(chunk);
    } catch (error) {
      if (!(error instanceof DamagedLogError)) throw error;
      damaged.push(file.path);
    }
    // Files are separate: a last line without a newline ends with its file.
    splitter.end();
  }
  agg.stats.oversized += splitter.oversized;
  agg.assertLooksLikeLog(files[files.length - 1]!.path);
  return { status: 'data', data: observation(ctx, agg, { origin: 'file', files: files.map((f) => f.path), damaged, journalTruncated: false }) };
}

export const sshAuth = defineCheck<SshAuthObservation, SshAuthOptions>({
  id: 'ssh-auth',
  title: 'SSH logins and sudo',
  domain: 'security',
  scope: 'host',
  description:
    'SSH brute force (fast and slow), user enumeration, logins after failures, from unknown networks or as root, and sudo activity (the sudo-activity check lives here): unexpected sudo users, refusals and wrong passwords; from auth.log with its rotations or the journal.',
  options: SSH_AUTH_OPTIONS,
  timeoutMs: 120_000,
  async gather(ctx) {
    const { host, hostConfig, options, now, signal } = ctx;
    const agg = newAggregator(now, options);
    const since = now.getTime() - options.window;
    const wanted = options.log ?? DEFAULT_LOGS.join(' or ');
    let stale: LogFile[] | null = null;
    if (options.source !== 'journald') {
      for (const path of options.log ? [options.log] : DEFAULT_LOGS) {
        const found = await findLogFiles(host, path, since);
        if (!found) continue;
        // A log nobody wrote to in the window is left over from before the journal took over: ask the journal first.
        if (!found.stale || options.source === 'file') return fromFiles(ctx, agg, found.files);
        stale = found.files;
        break;
      }
      if (options.source === 'file') return { status: 'skipped', reason: `no ${wanted}` };
    }
    const journal = await readJournal(host, since, hostConfig.sudo, signal);
    if (!journal) {
      if (stale) return fromFiles(ctx, agg, stale);
      return { status: 'skipped', reason: options.source === 'journald' ? 'journalctl is not installed' : `no ${wanted} and no journalctl` };
    }
    agg.stats.oversized += forEachLineReversed(journal.text, journal.truncated, (line) => agg.line(line));
    agg.assertLooksLikeLog('journalctl');
    return { status: 'data', data: observation(ctx, agg, { origin: 'journald', files: [], damaged: [], journalTruncated: journal.truncated }) };
  },
  analyze(obs, { options, host }) {
    return analyzeSshAuth(obs, options, host);
  },
});
