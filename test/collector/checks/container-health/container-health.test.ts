// container-health: recorded podman runs (healthy, failing across two runs), each rule on Docker-shaped input, memory, options.
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { containerHealth } from '../../../../collector/checks/container-health';
import { analyzeContainerHealth, type HealthOptions } from '../../../../collector/checks/container-health/analyze';
import { readMemory, rememberHealth } from '../../../../collector/checks/container-health/memory';
import { parseContainerInspect } from '../../../../collector/checks/docker/parse';
import type { DockerObservation } from '../../../../collector/checks/docker/types';
import { inspectJson, type DemoContainer } from '../../../../collector/demo/answers/docker-engine';
import { HOSTILE_STRINGS, mutations } from '../../../helpers/fuzz';
import { fixturePath, replayContainers } from '../../../helpers/docker-replay';

const DEFAULTS: HealthOptions = { ignore: [], restart_threshold: 5, restart_window: 3_600_000, stuck_after: 3_600_000 };
const NOW = new Date('2026-11-23T06:15:00Z');
const ago = (ms: number, from = NOW) => new Date(from.getTime() - ms);
const HOUR = 3_600_000;

/** Docker-shaped containers observed at `at`, built like the demo's answers. */
function docker(at: Date, ...containers: Partial<DemoContainer>[]): DockerObservation {
  return {
    engine: { product: 'docker', version: '27.3.1', apiVersion: '1.41' },
    observedAt: at.toISOString(),
    containers: containers.map((c) =>
      parseContainerInspect(JSON.stringify(inspectJson('lab', { name: 'app', image: 'x:1', created: ago(30 * 24 * HOUR), startedAt: ago(2 * HOUR), restart: 'unless-stopped', ...c })), 'docker'),
    ),
  };
}
const judge = (obs: DockerObservation, now: Date, previous?: unknown, options: Partial<HealthOptions> = {}) =>
  analyzeContainerHealth(obs, { ...DEFAULTS, ...options }, 'lab', now, previous);
const bySubject = (findings: ReturnType<typeof judge>) => Object.fromEntries(findings.map((f) => [f.subject, f.severity]));
const fixture = (name: string) => fixturePath(import.meta.dirname, name);

describe('container-health on recorded podman 4.3 answers', () => {
  it('podman-4.3-healthy: nothing on the first run, nothing when the same moment is replayed again', async () => {
    const { obs, now } = await replayContainers(fixture('podman-4.3-healthy'));
    expect(judge(obs, now)).toEqual([]);
    const memory = rememberHealth(obs, undefined);
    // Replaying the same capture (the demo, `vigil replay`) must not count as a second run.
    expect(readMemory(memory, now)).toBeNull();
    expect(judge(obs, now, memory)).toEqual([]);
  });

  it('podman-4.3-failing-run1: a loop, a failing healthcheck, a policy that gave up, a crashed job', async () => {
    const { obs, now } = await replayContainers(fixture('podman-4.3-failing-run1'));
    const found = judge(obs, now);
    expect(bySubject(found)).toEqual({
      'crashloop:restart-loop': 'high',
      'sick:unhealthy': 'medium',
      'gave-up:exited': 'high',
      'crashed:exited': 'low',
    });
    expect(found.find((f) => f.subject === 'crashloop:restart-loop')?.title).toBe('Container crashloop is in a restart loop on lab (15 restarts)');
    // podman says "stopped" between restarts; Vigil reads it as exited.
    expect(obs.containers.find((c) => c.name === 'crashloop')?.status).toBe('exited');
  });

  it('podman-4.3-failing-run2 after run1: the loop went on, one container was killed, one removed', async () => {
    const run1 = await replayContainers(fixture('podman-4.3-failing-run1'));
    const { obs, now } = await replayContainers(fixture('podman-4.3-failing-run2'));
    const memory = containerHealth.remember!(run1.obs, undefined);
    const found = judge(obs, now, memory);
    expect(bySubject(found)).toEqual({
      'crashloop:restart-loop': 'high',
      'sick:unhealthy': 'medium',
      'gave-up:exited': 'high',
      'crashed:exited': 'low',
      'stopped-later:exited': 'medium',
      'goner:vanished': 'medium',
    });
    expect(found.find((f) => f.subject === 'crashloop:restart-loop')).toMatchObject({
      title: 'Container crashloop is in a restart loop on lab (17 restarts since the last run)',
      evidence: { restart_count: 32, restarts_since_last_run: 17, last_exit_code: 1, restart_policy: 'always' },
    });
    expect(found.find((f) => f.subject === 'goner:vanished')?.evidence).toMatchObject({ last_state: 'running', last_seen: run1.obs.observedAt });
    // Four failures at the 30 s interval: stuck once stuck_after is two minutes or less.
    expect(bySubject(judge(obs, now, memory, { stuck_after: 120_000 }))['sick:unhealthy']).toBe('high');
  });
});

describe('container-health rules on Docker-shaped containers', () => {
  it('running and healthy, or stopped on purpose: nothing', () => {
    expect(judge(docker(NOW, { healthcheck: ['CMD', 'true'], health: { status: 'healthy', failingStreak: 0 } }), NOW)).toEqual([]);
    expect(judge(docker(NOW, { status: 'exited', exitCode: 143, restart: 'always' }), NOW)).toEqual([]);
    expect(judge(docker(NOW, { status: 'exited', exitCode: 0, restart: 'no' }), NOW)).toEqual([]);
  });

  it('a restart loop from the engine state, from the count and a recent start, or from the count rising since the last run', () => {
    expect(bySubject(judge(docker(NOW, { status: 'restarting', restartCount: 9, exitCode: 1 }), NOW))).toEqual({ 'app:restart-loop': 'high' });
    expect(bySubject(judge(docker(NOW, { restartCount: 9, startedAt: ago(60_000) }), NOW))).toEqual({ 'app:restart-loop': 'high' });
    // Restarted often long ago and stable since: not a loop on a first look.
    expect(judge(docker(NOW, { restartCount: 9, startedAt: ago(3 * HOUR) }), NOW)).toEqual([]);
    const yesterday = rememberHealth(docker(ago(24 * HOUR), { restartCount: 9, startedAt: ago(30 * HOUR) }), undefined);
    expect(bySubject(judge(docker(NOW, { restartCount: 15, startedAt: ago(3 * HOUR) }), NOW, yesterday))).toEqual({ 'app:restart-loop': 'high' });
    expect(judge(docker(NOW, { restartCount: 11, startedAt: ago(3 * HOUR) }), NOW, yesterday)).toEqual([
      expect.objectContaining({ subject: 'app:restart-loop', severity: 'low', title: 'Container app restarted 2 times since the last run on lab' }),
    ]);
    // Recreated (new id): its count started again, so nothing is compared.
    const recreated = docker(NOW, { restartCount: 1, startedAt: ago(3 * HOUR) });
    recreated.containers[0]!.id = 'f'.repeat(64);
    expect(judge(recreated, NOW, yesterday)).toEqual([]);
  });

  it('an OOM kill is its own finding unless it is part of a loop', () => {
    expect(bySubject(judge(docker(NOW, { status: 'exited', exitCode: 137, oomKilled: true, restart: 'no' }), NOW))).toEqual({ 'app:oom-killed': 'high' });
    const loop = judge(docker(NOW, { status: 'restarting', exitCode: 137, oomKilled: true, restartCount: 40 }), NOW);
    expect(loop).toEqual([expect.objectContaining({ subject: 'app:restart-loop', title: 'Container app is in a restart loop on lab (40 restarts, out of memory)' })]);
  });

  it('down although the restart policy says up: high; a failed start counts; a dead container always', () => {
    expect(judge(docker(NOW, { status: 'created', exitCode: 128, error: 'mount source path', restart: 'unless-stopped' }), NOW)).toEqual([
      expect.objectContaining({
        subject: 'app:exited',
        severity: 'high',
        title: 'Container app is down (exit code 128, failed to start) although its restart policy is unless-stopped on lab',
        evidence: expect.objectContaining({ start_error: true }),
      }),
    ]);
    const dead = docker(NOW, { status: 'exited', restart: 'no' });
    dead.containers[0]!.status = 'dead';
    expect(bySubject(judge(dead, NOW))).toEqual({ 'app:exited': 'low' });
    // The error text can hold paths and values: it is never in the finding.
    expect(JSON.stringify(judge(docker(NOW, { status: 'exited', exitCode: 1, error: 'password=hunter2', restart: 'always' }), NOW))).not.toContain('hunter2');
  });

  it('unhealthy is medium, stuck when it lasted past stuck_after by failing streak or across runs', () => {
    const sick = (streak: number, at = NOW) => docker(at, { healthcheck: ['CMD', 'true'], health: { status: 'unhealthy', failingStreak: streak } });
    expect(judge(sick(3), NOW)).toEqual([expect.objectContaining({ subject: 'app:unhealthy', severity: 'medium', title: 'Container app is unhealthy on lab' })]);
    expect(judge(sick(1460), NOW)).toEqual([expect.objectContaining({ severity: 'high', title: 'Container app has been unhealthy for 12h on lab' })]);
    const earlier = rememberHealth(sick(3, ago(2 * HOUR)), undefined);
    expect(earlier.containers.app?.unhealthySince).toBe(ago(2 * HOUR).toISOString());
    expect(judge(sick(3), NOW, earlier)).toEqual([expect.objectContaining({ severity: 'high', title: 'Container app has been unhealthy for 2h on lab' })]);
    // Healthy in between resets the stretch.
    const healthy = rememberHealth(docker(ago(HOUR / 2), { healthcheck: ['CMD', 'true'], health: { status: 'healthy', failingStreak: 0 } }), earlier);
    expect(healthy.containers.app?.unhealthySince).toBeNull();
    expect(judge(sick(3), NOW, healthy)[0]?.severity).toBe('medium');
  });

  it('a container gone since the last run: medium if it was up or meant to be, low otherwise', () => {
    const before = rememberHealth(
      { ...docker(ago(24 * HOUR), { name: 'web' }, { name: 'job', status: 'exited', restart: 'no' }), observedAt: ago(24 * HOUR).toISOString() },
      undefined,
    );
    expect(bySubject(judge(docker(NOW, { name: 'other' }), NOW, before))).toEqual({ 'web:vanished': 'medium', 'job:vanished': 'low' });
  });

  it('names that are also object keys ("constructor", "__proto__") are just names', () => {
    const before = rememberHealth(docker(ago(HOUR), { name: 'web' }), undefined);
    expect(bySubject(judge(docker(NOW, { name: 'constructor', status: 'exited', exitCode: 1, restart: 'no' }), NOW, before))).toEqual({
      'constructor:exited': 'low',
      'web:vanished': 'medium',
    });
    const odd = rememberHealth(docker(NOW, { name: 'constructor' }, { name: '__proto__' }), undefined);
    expect(Object.keys(odd.containers).sort()).toEqual(['constructor', expect.stringMatching(/^proto__~[0-9a-f]{8}$/)]);
  });

  it('hostile names come out inert', () => {
    for (const hostile of HOSTILE_STRINGS) {
      for (const f of judge(docker(NOW, { name: hostile, status: 'restarting', restartCount: 9 }), NOW)) {
        expect(f.title).not.toMatch(/[<>`$]|\.\.\//);
        expect([...f.title].some((ch) => ch.charCodeAt(0) < 32)).toBe(false);
        expect(f.subject).toMatch(/^[a-zA-Z0-9_.~-]+:[a-z-]+$/);
      }
    }
  });
});

describe('container-health memory', () => {
  it('keeps one small entry per container and ignores memory that is malformed or not older than now', () => {
    const memory = rememberHealth(docker(ago(HOUR), { restartCount: 3 }), undefined);
    expect(memory).toEqual({
      v: 1,
      observedAt: ago(HOUR).toISOString(),
      containers: { app: { id: expect.stringMatching(/^[0-9a-f]{64}$/), image: 'x:1', status: 'running', running: true, shouldRun: true, restartCount: 3, unhealthySince: null } },
    });
    expect(readMemory(memory, NOW)).toEqual(memory);
    expect(readMemory(memory, ago(2 * HOUR))).toBeNull();
    for (const bad of [undefined, null, 42, 'x', { v: 2 }, { ...memory, observedAt: 'yesterday' }]) expect(readMemory(bad, NOW)).toBeNull();
  });

  it('never throws on mangled memory (fuzz): it is read back or ignored', () => {
    const text = JSON.stringify(rememberHealth(docker(ago(HOUR), { restartCount: 3 }), undefined));
    for (const input of mutations(text, 300, 7)) {
      let value: unknown;
      try {
        value = JSON.parse(input);
      } catch {
        continue;
      }
      expect(() => judge(docker(NOW, {}), NOW, value)).not.toThrow();
    }
  });
});

describe('container-health options', () => {
  const schema = v.object(containerHealth.options);

  it('has cited defaults and takes durations as people write them', () => {
    expect(v.parse(schema, {})).toEqual(DEFAULTS);
    expect(v.parse(schema, { restart_window: '30m', stuck_after: '6h', ignore: ['watchtower', 'backup-*'] })).toMatchObject({
      restart_window: 30 * 60_000,
      stuck_after: 6 * HOUR,
    });
    expect(v.safeParse(schema, { restart_threshold: 0 }).success).toBe(false);
    expect(v.safeParse(schema, { ignore: ['<img>'] }).success).toBe(false);
  });
});
