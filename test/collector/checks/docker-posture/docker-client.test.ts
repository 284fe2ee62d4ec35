// The shared Docker Engine API client: version negotiation, parsing of recorded podman and Docker answers, bad input, gathering.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chooseApiVersion, inspectPath, listPath } from '../../../../collector/checks/docker/api';
import { gatherContainers } from '../../../../collector/checks/docker/gather';
import { parseContainerInspect, parseContainerList, parseVersion } from '../../../../collector/checks/docker/parse';
import { globMatch, safeImage, safeName, safePath } from '../../../../collector/checks/docker/safe-text';
import { defaultConfig } from '../../../../collector/config/load';
import { dockerEngineAnswers, inspectJson, noDockerAnswers, type DemoContainer } from '../../../../collector/demo/answers/docker-engine';
import { ParseError } from '../../../../collector/errors/parse-error';
import type { Fixture, FixtureAnswer } from '../../../../collector/host/fixture';
import { ReplayHost } from '../../../../collector/host/replay-host';
import { HOSTILE_STRINGS, mutations } from '../../../helpers/fuzz';
import { FIXTURE_SOCKET } from '../../../helpers/podman';
import { fixturePath } from '../../../helpers/docker-replay';

const RISKY = JSON.parse(readFileSync(fixturePath(import.meta.dirname, 'podman-4.3-risky-postures'), 'utf8')) as Fixture;

/** The recorded body of the first HTTP answer whose URL passes `match`, as the engine sent it (JSON text). */
function body(fixture: Fixture, match: (url: string) => boolean): string {
  const a = fixture.answers.find((x) => x.op === 'http' && match(x.request.url));
  if (!a || a.op !== 'http') throw new Error('no such answer');
  return JSON.stringify(a.result?.json, null, 2);
}
const inspectBodies = (fixture: Fixture) =>
  fixture.answers.flatMap((a) => (a.op === 'http' && /\/containers\/[0-9a-f]{64}\/json$/.test(a.request.url) ? [JSON.stringify(a.result?.json, null, 2)] : []));
const inspectOf = (name: string) => inspectBodies(RISKY).map((b) => parseContainerInspect(b, 'test')).find((c) => c.name === name)!;

function parseErrorOf(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    return error as ParseError;
  }
  throw new Error('expected a ParseError');
}

const SAFE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.~-]*$/;

describe('Docker API version negotiation', () => {
  it('speaks 1.41 where it can, the engine minimum above it (Docker 29), the engine maximum below it', () => {
    expect(chooseApiVersion({ apiVersion: '1.41', minApiVersion: '1.24' })).toBe('1.41');
    expect(chooseApiVersion({ apiVersion: '1.47', minApiVersion: '1.24' })).toBe('1.41');
    expect(chooseApiVersion({ apiVersion: '1.52', minApiVersion: '1.44' })).toBe('1.44');
    expect(chooseApiVersion({ apiVersion: '1.40', minApiVersion: '1.12' })).toBe('1.40');
    expect(chooseApiVersion({ apiVersion: '', minApiVersion: '' })).toBe('1.41');
  });

  it('reads podman 4.3 and Docker version answers', () => {
    expect(parseVersion(body(RISKY, (u) => u === '/version'))).toEqual({ product: 'podman', version: '4.3.1', apiVersion: '1.41', minApiVersion: '1.24' });
    expect(parseVersion('{"Version":"29.0.4","ApiVersion":"1.52","MinAPIVersion":"1.44","Components":[{"Name":"Engine"}]}')).toMatchObject({
      product: 'docker',
      minApiVersion: '1.44',
    });
  });

  it('refuses ids that are not 64 hex digits before they reach a request path', () => {
    expect(inspectPath('1.41', 'a'.repeat(64))).toBe(`/v1.41/containers/${'a'.repeat(64)}/json`);
    expect(() => inspectPath('1.41', '../../version')).toThrow(/64 hex/);
  });
});

describe('Docker API parsing (podman 4.3 recorded)', () => {
  it('lists every container id', () => {
    const ids = parseContainerList(body(RISKY, (u) => u.includes('containers/json')), 'list');
    expect(ids).toHaveLength(8);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads each posture from the inspect answers', () => {
    expect(inspectOf('privileged')).toMatchObject({ privileged: true, status: 'running', running: true });
    // CHOWN is in podman's default set already, so podman does not list it as added.
    expect(inspectOf('capabilities').capAdd).toEqual(['NET_ADMIN', 'SYS_ADMIN', 'SYS_NICE']);
    expect(inspectOf('host-mounts').mounts).toEqual([
      { type: 'bind', source: '/', destination: '/host', readOnly: true },
      { type: 'bind', source: '/etc', destination: '/host-etc', readOnly: false },
      { type: 'bind', source: '/tmp/vigil-podman/api.sock', destination: '/var/run/docker.sock', readOnly: false },
    ]);
    expect(inspectOf('host-namespaces')).toMatchObject({ networkMode: 'host', pidMode: 'host', utsMode: 'host', ipcMode: 'shareable' });
    expect(inspectOf('unconfined').securityOpt).toEqual(['seccomp=unconfined', 'apparmor=unconfined']);
    expect(inspectOf('hardened')).toMatchObject({
      memoryLimit: 64 * 1024 * 1024,
      pidsLimit: 100,
      healthcheck: { configured: true, intervalMs: 30_000 },
      health: { status: 'healthy', failingStreak: 0 },
      restartPolicy: { name: 'unless-stopped', maxRetries: 0 },
    });
    // podman applies its own default PIDs limit (2048) where Docker has none.
    expect(inspectOf('privileged').pidsLimit).toBe(2048);
    expect(inspectOf('job-done')).toMatchObject({ status: 'exited', running: false, exitCode: 0, healthcheck: { configured: false } });
  });

  it('reads Docker\'s shape too: nulls for empty lists, Go zero times, 0.0.0.0 and :: twins collapsed', () => {
    const now = new Date('2026-11-23T06:15:00Z');
    const c: DemoContainer = { name: 'web', image: 'nginx:1.27', created: now, startedAt: now, ports: [{ container: 80, host: 8080, v6: true }], restart: 'on-failure:3' };
    const parsed = parseContainerInspect(JSON.stringify(inspectJson('lab', c)), 'docker');
    expect(parsed).toMatchObject({ capAdd: [], securityOpt: [], pidsLimit: null, finishedAt: null, restartPolicy: { name: 'on-failure', maxRetries: 3 } });
    expect(parsed.ports).toEqual([{ containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8080, allInterfaces: true }]);
    // Stopped: only what was asked for is known, and Docker records "" for the default address.
    const stopped = parseContainerInspect(JSON.stringify(inspectJson('lab', { ...c, status: 'exited' })), 'docker');
    expect(stopped.ports).toEqual([{ containerPort: 80, protocol: 'tcp', hostIp: '', hostPort: 8080, allInterfaces: true }]);
  });
});

describe('Docker API bad input', () => {
  const good = body(RISKY, (u) => /[0-9a-f]{64}\/json$/.test(u));

  it('names the source and the JSON path, never the value', () => {
    const cases: [string, RegExp][] = [
      ['{"Id": "<img src=x onerror=alert(1)>", "Name": "x"}', /^src: Id: expected /],
      ['{\n"Id":\n<script>', /^src: not valid JSON$/],
      ['{\n"Id":\n1,}', /^src:3: not valid JSON$/],
      [good.replace('"HostConfig": {', '"HostConfig": 42, "x": {'), /^src: HostConfig: expected Object/],
      [good.replace('"Privileged": false', '"Privileged": "rm -rf /"').replace('"Privileged": true', '"Privileged": "rm -rf /"'), /^src: HostConfig\.Privileged: expected boolean/],
      [good.replace(/"PortBindings": \{[^}]*\}/, '"PortBindings": {"<script>/tcp": []}'), /^src: HostConfig\.PortBindings: a key is not PORT\/PROTOCOL$/],
      ['[]', /^src: Id: missing$/],
      ['"x"', /^src: \(top\): expected Object$/],
    ];
    for (const [text, message] of cases) {
      const e = parseErrorOf(() => parseContainerInspect(text, 'src'));
      expect(e.message).toMatch(message);
      expect(e.message).not.toMatch(/onerror|<script>|rm -rf/);
    }
    expect(parseErrorOf(() => parseContainerList('[{"Id":"../../etc/passwd"}]', 'list')).message).toBe('list: 0.Id: expected /^[0-9a-f]{64}$/');
  });

  it('never throws anything but ParseError on truncated, binary, enormous and hostile input (fuzz)', () => {
    const inputs: [string, (text: string) => unknown][] = [
      [good, (t) => parseContainerInspect(t, 'inspect')],
      [body(RISKY, (u) => u.includes('containers/json')), (t) => parseContainerList(t, 'list')],
      [body(RISKY, (u) => u === '/version'), (t) => parseVersion(t)],
    ];
    for (const [text, parse] of inputs) {
      for (const input of mutations(text, 300, text.length)) {
        try {
          const out = parse(input);
          if (out && typeof out === 'object' && 'name' in out) {
            const c = out as { name: string; image: string };
            expect(c.name).toMatch(SAFE_NAME);
            expect(c.image).not.toMatch(/[<>\s`$"'\\]/);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError);
          expect((error as ParseError).message).not.toMatch(/onerror|<script>|rm -rf|alert/);
          expect((error as ParseError).message.length).toBeLessThan(200);
        }
      }
    }
  });

  it('turns hostile names, images and mount paths into inert text, and keeps two different ones apart', () => {
    const names = new Set<string>();
    for (const hostile of HOSTILE_STRINGS) {
      const data = JSON.parse(good) as { Name: string; Config: { Image: string }; Mounts: { Source: string }[] };
      data.Name = `/${hostile}`;
      data.Config.Image = hostile;
      data.Mounts = [{ ...data.Mounts[0], Source: hostile }];
      const c = parseContainerInspect(JSON.stringify(data), 'hostile');
      expect(c.name).toMatch(SAFE_NAME);
      expect(c.image).toMatch(/^[a-zA-Z0-9_.:/@+~-]+$/);
      for (const m of c.mounts) expect(m.source).toMatch(/^\/[a-zA-Z0-9_./@:+~-]*$/);
      names.add(c.name);
    }
    expect(names.size).toBe(HOSTILE_STRINGS.length);
    const odd = JSON.parse(good) as { HostConfig: { RestartPolicy: { Name: string } }; State: { Health: { Status: string } } };
    odd.HostConfig.RestartPolicy.Name = '__proto__';
    odd.State.Health.Status = 'constructor';
    expect(parseContainerInspect(JSON.stringify(odd), 'odd')).toMatchObject({ restartPolicy: { name: 'no' }, health: { status: 'none' } });
    expect(safeName('/paperless-ngx')).toBe('paperless-ngx');
    expect(safeName('../../etc')).toMatch(/^etc~[0-9a-f]{8}$/);
    expect(safeImage('ghcr.io/paperless-ngx/paperless-ngx:2.13@sha256:abc')).toBe('ghcr.io/paperless-ngx/paperless-ngx:2.13@sha256:abc');
    expect(safePath('/var/run/docker.sock')).toBe('/var/run/docker.sock');
    expect(globMatch('paperless-*', 'paperless-ai')).toBe(true);
    expect(globMatch('paperless-*', 'paperless')).toBe(false);
    expect(globMatch('a.c', 'abc')).toBe(false);
  });
});

describe('gathering through Host.http', () => {
  const config = defaultConfig();
  const gather = (answers: FixtureAnswer[]) =>
    gatherContainers({
      host: new ReplayHost({ vigil_fixture: 1, host: 'lab', kind: 'local', captured_at: '2026-11-23T06:15:00.000Z', answers }, 'lab', 'strict'),
      hostConfig: { ...config.hosts[0]!, docker: FIXTURE_SOCKET },
      signal: new AbortController().signal,
      now: new Date('2026-11-23T06:15:00.000Z'),
    });
  const now = new Date('2026-11-23T06:15:00Z');
  const containers: DemoContainer[] = [
    { name: 'a', image: 'x:1', created: now, startedAt: now },
    { name: 'b', image: 'x:1', created: now, startedAt: now },
  ];
  const docker29 = { version: '29.0.4', apiVersion: '1.52', minApiVersion: '1.44', kernel: 'k', arch: 'arm64', platform: 'p' } as const;

  it('skips a host without the socket, without asking the API', async () => {
    expect(await gather(noDockerAnswers())).toEqual({ status: 'skipped', reason: `no Docker engine socket at ${FIXTURE_SOCKET}` });
  });

  it('negotiates with Docker 29 and asks at /v1.44', async () => {
    const answers = dockerEngineAnswers('lab', docker29, containers, now);
    expect(answers.some((a) => a.op === 'http' && a.request.url === listPath('1.44'))).toBe(true);
    const g = await gather(answers);
    expect(g.status === 'data' && g.data).toMatchObject({ engine: { product: 'docker', version: '29.0.4', apiVersion: '1.44' } });
    expect(g.status === 'data' && g.data.containers.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('passes over a container removed between list and inspect, and fails on an engine error without quoting it', async () => {
    const answers = dockerEngineAnswers('lab', docker29, containers, now).map((a): FixtureAnswer =>
      a.op === 'http' && /[0-9a-f]{64}\/json$/.test(a.request.url) && JSON.stringify(a.result?.json).includes('"/b"')
        ? { ...a, result: { status: 404, headers: {}, body: '{"message":"No such container"}' } }
        : a,
    );
    const g = await gather(answers);
    expect(g.status === 'data' && g.data.containers.map((c) => c.name)).toEqual(['a']);
    const failing = answers.map((a): FixtureAnswer =>
      a.op === 'http' && a.request.url === listPath('1.44') ? { ...a, result: { status: 500, headers: {}, body: '{"message":"<img onerror> secret"}' } } : a,
    );
    await expect(gather(failing)).rejects.toThrow(/^Docker API \/v1\.44\/containers\/json\?all=true answered HTTP 500$/);
    // One 500 while a container is being removed (podman does this in a crash loop): the list is asked again.
    const host = new ReplayHost({ vigil_fixture: 1, host: 'lab', kind: 'local', captured_at: '2026-11-23T06:15:00.000Z', answers: dockerEngineAnswers('lab', docker29, containers, now) }, 'lab', 'strict');
    let lists = 0;
    const http = host.http.bind(host);
    host.http = async (request) => (request.url === listPath('1.44') && lists++ === 0 ? { status: 500, headers: {}, body: '{}' } : http(request));
    const retried = await gatherContainers({ host, hostConfig: { ...config.hosts[0]!, docker: FIXTURE_SOCKET }, signal: new AbortController().signal, now });
    expect(retried.status === 'data' && retried.data.containers.map((c) => c.name)).toEqual(['a', 'b']);
    expect(lists).toBe(2);
    const refused = answers.map((a): FixtureAnswer =>
      a.op === 'http' && a.request.url === '/version' ? { op: 'http', request: a.request, error: { code: 'ECONNREFUSED', message: 'connection refused' } } : a,
    );
    await expect(gather(refused)).rejects.toMatchObject({ probeCode: 'ECONNREFUSED' });
  });
});
