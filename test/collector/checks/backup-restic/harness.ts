// Run a backup check the way the engine does (gather → analyze → facts → remember) on any Host, and commit recorded fixtures.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnyCheck } from '../../../../collector/checks/check';
import type { BackupFacts } from '../../../../collector/checks/backup/facts';
import type { BackupObservation } from '../../../../collector/checks/backup/observation';
import { parseConfigText } from '../../../../collector/config/load';
import type { VigilConfig } from '../../../../collector/config/types';
import type { Fixture } from '../../../../collector/host/fixture';
import type { Host } from '../../../../collector/host/host';
import type { RecordingHost } from '../../../../collector/host/recording-host';
import { loadFixture, ReplayHost } from '../../../../collector/host/replay-host';
import type { FindingDraft } from '../../../../shared/finding';

/** Where recorded fixtures say the lab was: the temp directory of the recording run is rewritten to this. */
export const LAB = '/srv/vigil-lab';

/** `VIGIL_RECORD_FIXTURES=1` rewrites the committed fixtures from a live run (read the diff before committing). */
export const RECORD = process.env.VIGIL_RECORD_FIXTURES === '1';

/** A config with one local host `lab` (optionally allowed sudo) and the given `backups:` YAML (a list, indented two spaces). */
export function labConfig(backups: string, options: { sudo?: boolean; checks?: string } = {}): VigilConfig {
  const text = `vault: /tmp/vigil-unused-vault
hosts:
  - name: lab
    local: true
    collector: true${options.sudo ? '\n    sudo: true' : ''}
${options.checks ? `checks:\n${options.checks}` : ''}
backups:${backups.trim() ? `\n${backups}` : ' []'}`;
  return parseConfigText(text, '/lab/vigil.yaml', { env: {}, home: '/home/lab', cwd: '/lab' });
}

/** Everything one run of a check produced. */
export interface CheckRun {
  status: 'data' | 'skipped' | 'no-data';
  reason?: string;
  observation: BackupObservation | null;
  findings: FindingDraft[];
  facts: BackupFacts | null;
  memory: unknown;
}

/** Run `check` once on `host` at `now`, with the memory the previous run left. */
export async function runCheck(check: AnyCheck, config: VigilConfig, host: Host, now: Date, previous?: unknown): Promise<CheckRun> {
  const options = config.checks[check.id]?.options;
  const hostConfig = config.hosts.find((h) => h.name === host.name) ?? config.hosts[0]!;
  const gathered = await check.gather({ host, hostConfig, options, config, signal: new AbortController().signal, now, previous, salt: 'test' });
  if (gathered.status !== 'data') return { status: gathered.status, reason: gathered.reason, observation: null, findings: [], facts: null, memory: previous };
  const ctx = { host: hostConfig.name, options, now, previous, salt: 'test' };
  return {
    status: 'data',
    observation: gathered.data as BackupObservation,
    findings: check.analyze(gathered.data, ctx),
    facts: check.facts!(gathered.data, ctx) as BackupFacts,
    memory: check.remember!(gathered.data, previous),
  };
}

/** Findings as `[subject, severity]` pairs, sorted, for compact assertions. */
export function subjects(findings: readonly FindingDraft[]): [string, string][] {
  return findings.map((f): [string, string] => [f.subject, f.severity]).sort((a, b) => a[0].localeCompare(b[0]));
}

/** One job's facts. */
export function factsOf(run: CheckRun, job: string): BackupFacts['jobs'][number] {
  const found = run.facts?.jobs.find((j) => j.job === job);
  if (!found) throw new Error(`no facts for ${job}`);
  return found;
}

/** A recording as a committed fixture: the temp directory becomes LAB, the host is `lab`. */
export function committedFixture(recorder: RecordingHost, dir: string, capturedAt: Date, description: string): Fixture {
  const fixture = recorder.toFixture(capturedAt, 'test', 'local');
  return JSON.parse(JSON.stringify({ ...fixture, host: 'lab', description }).split(dir).join(LAB)) as Fixture;
}

/** Write a fixture next to the test that recorded it. */
export async function writeFixture(testDir: string, name: string, fixture: Fixture): Promise<void> {
  await writeFile(join(testDir, 'fixtures', `${name}.json`), `${JSON.stringify(fixture, null, 2)}\n`);
}

/** A committed fixture replayed strictly: a question it has no answer for fails the test. */
export async function replay(testDir: string, name: string): Promise<ReplayHost> {
  const fixture = await loadFixture(join(testDir, 'fixtures', `${name}.json`));
  return new ReplayHost(fixture, 'lab', 'strict');
}
