// container-health against a real Docker-API engine: a private podman with crash loops, failing healthchecks, exits and removals.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerHealth } from '../../../../collector/checks/container-health';
import type { HealthOptions } from '../../../../collector/checks/container-health/analyze';
import type { DockerObservation } from '../../../../collector/checks/docker/types';
import { defaultConfig } from '../../../../collector/config/load';
import type { FindingDraft } from '../../../../shared/finding';
import { recordingHost, startPodman, toCommittedFixture, waitFor, type PodmanEngine } from '../../../helpers/podman';
import { fixturePath } from '../../../helpers/docker-replay';

/** `VIGIL_RECORD_FIXTURES=1` rewrites the committed podman fixtures from this run (read the diff before committing). */
const RECORD = process.env.VIGIL_RECORD_FIXTURES === '1';
const SECRET = `vigil-test-secret-${randomBytes(12).toString('hex')}`;
/** The check's defaults, as the config schema fills them in (durations in ms). */
const DEFAULTS: HealthOptions = { ignore: [], restart_threshold: 5, restart_window: 3_600_000, stuck_after: 3_600_000 };

let engine: PodmanEngine | null = null;

beforeAll(async () => {
  engine = await startPodman();
});

afterAll(async () => {
  await engine?.stop();
});

async function observe(name: string | null, description: string, now: Date): Promise<DockerObservation> {
  const recorder = recordingHost('podman');
  const config = defaultConfig();
  const g = await containerHealth.gather({
    host: recorder,
    hostConfig: { ...config.hosts[0]!, docker: engine!.socket },
    options: DEFAULTS,
    config,
    signal: new AbortController().signal,
    now,
    previous: undefined,
    salt: 'test',
  });
  if (g.status !== 'data') throw new Error(`gather did not return data: ${g.reason}`);
  if (RECORD && name) await writeFile(fixturePath(import.meta.dirname, name), `${JSON.stringify(toCommittedFixture(recorder, engine!, now, description), null, 2)}\n`);
  return g.data as DockerObservation;
}

const analyze = (obs: DockerObservation, now: Date, previous: unknown, options: Partial<HealthOptions> = {}): FindingDraft[] =>
  containerHealth.analyze(obs, { host: 'lab', options: { ...DEFAULTS, ...options }, now, previous, salt: 'test' });

async function inspect(name: string): Promise<{ restarts: number; status: string }> {
  const [restarts, status] = (await engine!.podman(['container', 'inspect', '--format', '{{.RestartCount}} {{.State.Status}}', name])).trim().split(' ');
  return { restarts: Number(restarts), status: status ?? '' };
}

const later = (d: Date) => new Date(Math.max(Date.now(), d.getTime() + 1));

describe('container-health live (podman Docker-compatible API)', () => {
  it('healthy containers, a finished job and a running worker: nothing now, nothing on the next run', async (ctx) => {
    // Null only outside CI: startPodman throws under CI=true when a component is missing.
    if (!engine) return ctx.skip();
    const flags = ['--network', 'none'];
    await engine.runDetached('web', [...flags, '--health-cmd', 'true', '--restart', 'always'], ['sleep', '100000']);
    await engine.runDetached('worker', [...flags, '--restart', 'unless-stopped'], ['sleep', '100000']);
    await engine.podman(['run', '--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=1024:1024', ...flags, '--name', 'migrate', 'localhost/vigil-busybox:test', 'true']);
    await engine.podman(['healthcheck', 'run', 'web']);
    const now1 = new Date();
    const first = await observe('podman-4.3-healthy', 'podman 4.3.1 (Debian 12) compat API: a healthy web container, a worker, a finished migration job', now1);
    expect(first.containers.find((c) => c.name === 'web')?.health.status).toBe('healthy');
    expect(analyze(first, now1, undefined)).toEqual([]);
    const now2 = later(now1);
    const second = await observe(null, '', now2);
    expect(analyze(second, now2, containerHealth.remember!(first, undefined))).toEqual([]);
    await engine.podman(['rm', '--force', '--time', '0', 'web', 'worker', 'migrate']);
  }, 120_000);

  it('a crash loop, a failing healthcheck, exits and a removal, across two runs', async (ctx) => {
    // Null only outside CI: startPodman throws under CI=true when a component is missing.
    if (!engine) return ctx.skip();
    const flags = ['--network', 'none'];
    await engine.runDetached('crashloop', [...flags, '--restart', 'always'], ['sh', '-c', 'exit 1']);
    await engine.runDetached('sick', [...flags, '--health-cmd', 'false', '--health-retries', '1', '--restart', 'always', '-e', `API_TOKEN=${SECRET}`], ['sleep', '100000']);
    await engine.runDetached('gave-up', [...flags, '--restart', 'on-failure:2'], ['sh', '-c', 'exit 3']);
    await engine.runDetached('crashed', flags, ['sh', '-c', 'exit 2']);
    await engine.runDetached('stopped-later', flags, ['sleep', '100000']);
    await engine.runDetached('goner', [...flags, '--restart', 'unless-stopped'], ['sleep', '100000']);
    for (let i = 0; i < 2; i++) await engine.podman(['healthcheck', 'run', 'sick']).catch(() => '');
    await waitFor(async () => (await inspect('crashloop')).restarts >= 5, 'crashloop to restart 5 times');
    await waitFor(async () => (await inspect('gave-up')).restarts >= 2 && (await inspect('gave-up')).status === 'exited', 'gave-up to give up');
    await waitFor(async () => (await inspect('crashed')).status === 'exited', 'crashed to exit');

    const now1 = new Date();
    const run1 = await observe('podman-4.3-failing-run1', 'podman 4.3.1 (Debian 12) compat API, first run: crash loop, failing healthcheck, exits', now1);
    const first = analyze(run1, now1, undefined);
    const at1 = new Map(first.map((f) => [f.subject, f]));
    // No previous run: the loop is recognised from its restart count and its recent start.
    expect(at1.get('crashloop:restart-loop')?.severity).toBe('high');
    expect(at1.get('sick:unhealthy')).toMatchObject({ severity: 'medium', title: 'Container sick is unhealthy on lab' });
    expect(at1.get('gave-up:exited')).toMatchObject({
      severity: 'high',
      title: 'Container gave-up is down (exit code 3) and gave up after 2 restarts although its restart policy is on-failure on lab',
    });
    expect(at1.get('crashed:exited')).toMatchObject({ severity: 'low', title: 'Container crashed exited with code 2 on lab' });
    expect(first.some((f) => f.subject.startsWith('stopped-later') || f.subject.startsWith('goner'))).toBe(false);

    const memory = containerHealth.remember!(run1, undefined);
    const before = (await inspect('crashloop')).restarts;
    await waitFor(async () => (await inspect('crashloop')).restarts >= before + 6, 'crashloop to keep restarting');
    for (let i = 0; i < 2; i++) await engine.podman(['healthcheck', 'run', 'sick']).catch(() => '');
    await engine.podman(['kill', 'stopped-later']);
    await waitFor(async () => (await inspect('stopped-later')).status === 'exited', 'stopped-later to exit');
    await engine.podman(['rm', '--force', '--time', '0', 'goner']);

    const now2 = later(now1);
    const run2 = await observe('podman-4.3-failing-run2', 'podman 4.3.1 (Debian 12) compat API, the next run: the loop went on, one container killed, one removed', now2);
    const second = analyze(run2, now2, memory);
    const at2 = new Map(second.map((f) => [f.subject, f]));
    expect(at2.get('crashloop:restart-loop')).toMatchObject({ severity: 'high' });
    expect(Number(at2.get('crashloop:restart-loop')?.evidence?.restarts_since_last_run)).toBeGreaterThanOrEqual(6);
    expect(at2.get('stopped-later:exited')).toMatchObject({ severity: 'medium', title: 'Container stopped-later stopped with exit code 137 since the last run on lab' });
    expect(at2.get('goner:vanished')).toMatchObject({ severity: 'medium', title: 'Container goner has disappeared since the last run on lab' });
    // Four failures 30 s apart: two minutes of failing. Stuck once that is past stuck_after, whatever the wall clock says.
    expect(at2.get('sick:unhealthy')?.severity).toBe('medium');
    expect(analyze(run2, now2, memory, { stuck_after: 60_000 }).find((f) => f.subject === 'sick:unhealthy')).toMatchObject({
      severity: 'high',
      evidence: { failing_streak: 4 },
    });
    // An ignored container is not judged, and not reported when it goes either.
    const unignored = analyze(run2, now2, memory, { ignore: ['crashl*', 'gon*'] }).map((f) => f.subject);
    expect(unignored).not.toContain('crashloop:restart-loop');
    expect(unignored).not.toContain('goner:vanished');
    expect(unignored).toContain('crashed:exited');
    expect(JSON.stringify([first, second])).not.toContain(SECRET);
  }, 120_000);
});
