// docker-posture against a real Docker-API engine: a private podman with one container per risky posture and a hardened one.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerPosture } from '../../../../collector/checks/docker-posture';
import type { PostureOptions } from '../../../../collector/checks/docker-posture/analyze';
import type { DockerObservation } from '../../../../collector/checks/docker/types';
import { defaultConfig } from '../../../../collector/config/load';
import type { FindingDraft } from '../../../../shared/finding';
import { freePort, recordingHost, startPodman, toCommittedFixture, type PodmanEngine } from '../../../helpers/podman';
import { fixturePath } from '../../../helpers/docker-replay';

/** `VIGIL_RECORD_FIXTURES=1` rewrites the committed podman fixtures from this run (read the diff before committing). */
const RECORD = process.env.VIGIL_RECORD_FIXTURES === '1';
/** A value that stands for a secret in a container's environment: it must never come out of Vigil. */
const SECRET = `vigil-test-secret-${randomBytes(12).toString('hex')}`;

let engine: PodmanEngine | null = null;

beforeAll(async () => {
  engine = await startPodman();
});

afterAll(async () => {
  await engine?.stop();
});

async function gather(name: string, description: string): Promise<{ obs: DockerObservation; findings: FindingDraft[] }> {
  const recorder = recordingHost('podman');
  const config = defaultConfig();
  const now = new Date();
  const options: PostureOptions = { allow: [] };
  const g = await dockerPosture.gather({
    host: recorder,
    hostConfig: { ...config.hosts[0]!, docker: engine!.socket },
    options,
    config,
    signal: new AbortController().signal,
    now,
    previous: undefined,
    salt: 'test',
  });
  if (g.status !== 'data') throw new Error(`gather did not return data: ${g.reason}`);
  const obs = g.data as DockerObservation;
  if (RECORD) {
    const fixture = toCommittedFixture(recorder, engine!, now, description);
    await writeFile(fixturePath(import.meta.dirname, name), `${JSON.stringify(fixture, null, 2)}\n`);
  }
  return { obs, findings: dockerPosture.analyze(obs, { host: 'lab', options, now, previous: undefined, salt: 'test' }) };
}

const rulesOf = (findings: FindingDraft[], container: string) =>
  findings
    .filter((f) => f.evidence?.container === container)
    .map((f) => f.evidence?.rule)
    .sort();

describe('docker-posture live (podman Docker-compatible API)', () => {
  it('a hardened container and a finished one-shot job: nothing to report', async (ctx) => {
    // Null only outside CI: startPodman throws under CI=true when a component is missing.
    if (!engine) return ctx.skip();
    const port = await freePort();
    await engine.runDetached(
      'hardened',
      ['--cap-drop', 'ALL', '--read-only', '--security-opt', 'no-new-privileges', '--memory', '64m', '--pids-limit', '100',
        '--health-cmd', 'true', '--restart', 'unless-stopped', '-p', `127.0.0.1:${port}:8080`],
      ['sleep', '100000'],
    );
    await engine.podman(['run', '--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=1024:1024', '--network', 'none', '--name', 'job-done', 'localhost/vigil-busybox:test', 'true']);
    // Without systemd podman schedules no healthchecks; one run sets the state.
    await engine.podman(['healthcheck', 'run', 'hardened']);
    const { obs, findings } = await gather('podman-4.3-hardened', 'podman 4.3.1 (Debian 12) compat API: one hardened container, one finished job');
    expect(obs.engine).toMatchObject({ product: 'podman', apiVersion: '1.41' });
    expect(obs.containers.map((c) => c.name)).toEqual(['hardened', 'job-done']);
    expect(obs.containers[0]?.ports).toEqual([expect.objectContaining({ hostIp: '127.0.0.1', allInterfaces: false })]);
    expect(findings).toEqual([]);
  });

  it('finds every risky posture on the container that has it, and nothing on the hardened one', async (ctx) => {
    // Null only outside CI: startPodman throws under CI=true when a component is missing.
    if (!engine) return ctx.skip();
    const wild = await freePort();
    const local = await freePort();
    const run = (name: string, flags: string[]) => engine!.runDetached(name, ['--network', 'none', ...flags], ['sleep', '100000']);
    await run('privileged', ['--privileged']);
    await run('capabilities', ['--cap-add', 'SYS_ADMIN', '--cap-add', 'NET_ADMIN', '--cap-add', 'SYS_NICE', '--cap-add', 'CHOWN']);
    await run('host-mounts', ['-e', `VIGIL_TEST_TOKEN=${SECRET}`, '-v', '/:/host:ro', '-v', '/etc:/host-etc', '-v', `${engine.socket}:/var/run/docker.sock`]);
    await engine.runDetached('host-namespaces', ['--network', 'host', '--pid', 'host', '--ipc', 'host', '--uts', 'host'], ['sleep', '100000']);
    await run('unconfined', ['--security-opt', 'seccomp=unconfined', '--security-opt', 'apparmor=unconfined']);
    await engine.runDetached(
      'redis-exposed',
      ['-p', `${wild}:6379`, '-p', `127.0.0.1:${local}:8080`, '--memory', '64m', '--pids-limit', '100', '--health-cmd', 'true'],
      ['sleep', '100000'],
    );
    const { obs, findings } = await gather('podman-4.3-risky-postures', 'podman 4.3.1 (Debian 12) compat API: one container per risky posture, plus the hardened one');

    expect(rulesOf(findings, 'hardened')).toEqual([]);
    expect(rulesOf(findings, 'job-done')).toEqual([]);
    expect(rulesOf(findings, 'privileged')).toEqual(['no-healthcheck', 'no-limits', 'privileged']);
    expect(rulesOf(findings, 'capabilities')).toEqual(['capabilities', 'no-healthcheck', 'no-limits']);
    expect(rulesOf(findings, 'host-mounts')).toEqual(['docker-socket', 'no-healthcheck', 'no-limits', 'sensitive-mount']);
    // podman 4.3 reports IpcMode "shareable" for --ipc host (podman#17189, fixed in 4.4), so only Docker shows host-ipc.
    expect(rulesOf(findings, 'host-namespaces')).toEqual(expect.arrayContaining(['host-network', 'host-pid', 'host-uts']));
    expect(rulesOf(findings, 'unconfined')).toEqual(['apparmor-unconfined', 'no-healthcheck', 'no-limits', 'seccomp-unconfined']);
    expect(rulesOf(findings, 'redis-exposed')).toEqual(['published-all-interfaces']);

    const bySubject = new Map(findings.map((f) => [f.subject, f]));
    expect(bySubject.get('privileged:privileged')).toMatchObject({ severity: 'critical', title: 'Container privileged runs privileged on lab' });
    expect(bySubject.get('capabilities:capabilities')).toMatchObject({ severity: 'high', evidence: { capabilities: 'NET_ADMIN, SYS_ADMIN, SYS_NICE' } });
    expect(bySubject.get('host-mounts:docker-socket')?.severity).toBe('critical');
    expect(bySubject.get('host-mounts:sensitive-mount')).toMatchObject({ severity: 'critical', evidence: { paths: '/ (read-only), /etc (read-write)' } });
    // podman reports a publication on every interface with HostIp "" (Docker says 0.0.0.0 and ::).
    expect(bySubject.get('redis-exposed:published-all-interfaces')).toMatchObject({
      severity: 'high',
      title: `Container redis-exposed publishes port ${wild}/tcp (Redis) on all interfaces on lab`,
      evidence: { ports: `*:${wild}->6379/tcp` },
    });
    expect(obs.containers.find((c) => c.name === 'redis-exposed')?.ports).toEqual(
      expect.arrayContaining([expect.objectContaining({ hostIp: '', allInterfaces: true, containerPort: 6379 })]),
    );

    // The container's environment holds a secret: it is in no finding, and not in the recorded fixture.
    expect(JSON.stringify(findings)).not.toContain(SECRET);
    if (RECORD) expect(await readFile(fixturePath(import.meta.dirname, 'podman-4.3-risky-postures'), 'utf8')).not.toContain(SECRET);
  });

  it('a running engine socket the user cannot reach is a failure, a missing socket a skip', async (ctx) => {
    // Null only outside CI: startPodman throws under CI=true when a component is missing.
    if (!engine) return ctx.skip();
    const config = defaultConfig();
    const base = { options: { allow: [] }, config, signal: new AbortController().signal, now: new Date(), previous: undefined, salt: 't' };
    const missing = await dockerPosture.gather({ ...base, host: recordingHost('x'), hostConfig: { ...config.hosts[0]!, docker: `${engine.dir}/nope.sock` } });
    expect(missing).toEqual({ status: 'skipped', reason: `no Docker engine socket at ${engine.dir}/nope.sock` });
    // A path that exists but is no socket: connecting fails, and that must surface (not read as "no Docker").
    await expect(dockerPosture.gather({ ...base, host: recordingHost('x'), hostConfig: { ...config.hosts[0]!, docker: `${engine.dir}/rootfs.tar` } })).rejects.toMatchObject({
      name: 'ProbeError',
    });
  });
});
