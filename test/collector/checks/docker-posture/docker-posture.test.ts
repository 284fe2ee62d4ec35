// docker-posture: recorded podman scenarios (risky and hardened), each rule on Docker-shaped input, the allow list, options.
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { dockerPosture } from '../../../../collector/checks/docker-posture';
import { parseAllowEntry } from '../../../../collector/checks/docker-posture/allow';
import { analyzeDockerPosture } from '../../../../collector/checks/docker-posture/analyze';
import { parseContainerInspect } from '../../../../collector/checks/docker/parse';
import type { DockerObservation } from '../../../../collector/checks/docker/types';
import { parseConfigText } from '../../../../collector/config/load';
import { inspectJson, type DemoContainer } from '../../../../collector/demo/answers/docker-engine';
import { HOSTILE_STRINGS } from '../../../helpers/fuzz';
import { fixturePath, replayContainers } from '../../../helpers/docker-replay';

const NOW = new Date('2026-11-23T06:15:00Z');

/** An observation of Docker-shaped containers (what Docker itself answers, built like the demo's). */
function docker(...containers: Partial<DemoContainer>[]): DockerObservation {
  return {
    engine: { product: 'docker', version: '27.3.1', apiVersion: '1.41' },
    observedAt: NOW.toISOString(),
    containers: containers.map((c, i) =>
      parseContainerInspect(JSON.stringify(inspectJson('lab', { name: `c${i}`, image: 'x:1', created: NOW, startedAt: NOW, memory: 1 << 28, pidsLimit: 100, healthcheck: ['CMD', 'true'], ...c })), 'docker'),
    ),
  };
}
const severities = (obs: DockerObservation, allow: string[] = []) =>
  Object.fromEntries(analyzeDockerPosture(obs, { allow }, 'lab').map((f) => [f.subject, f.severity]));

describe('docker-posture on recorded podman 4.3 answers', () => {
  it('podman-4.3-risky-postures: every risky container is found, at the severity its rule sets', async () => {
    const { obs } = await replayContainers(fixturePath(import.meta.dirname, 'podman-4.3-risky-postures'));
    expect(severities(obs)).toEqual({
      'privileged:privileged': 'critical',
      'privileged:no-limits': 'low',
      'privileged:no-healthcheck': 'info',
      'capabilities:capabilities': 'high',
      'capabilities:no-limits': 'low',
      'capabilities:no-healthcheck': 'info',
      'host-mounts:docker-socket': 'critical',
      'host-mounts:sensitive-mount': 'critical',
      'host-mounts:no-limits': 'low',
      'host-mounts:no-healthcheck': 'info',
      'host-namespaces:host-network': 'medium',
      'host-namespaces:host-pid': 'high',
      'host-namespaces:host-uts': 'low',
      'host-namespaces:no-limits': 'low',
      'host-namespaces:no-healthcheck': 'info',
      'unconfined:seccomp-unconfined': 'high',
      'unconfined:apparmor-unconfined': 'medium',
      'unconfined:no-limits': 'low',
      'unconfined:no-healthcheck': 'info',
      'redis-exposed:published-all-interfaces': 'high',
    });
    const titles = analyzeDockerPosture(obs, { allow: [] }, 'lab').map((f) => f.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Container privileged runs privileged on lab',
        'Container capabilities has extra kernel capabilities (NET_ADMIN, SYS_ADMIN, SYS_NICE) on lab',
        'Container host-mounts has the Docker socket mounted on lab',
        'Container host-mounts mounts sensitive host paths (/, /etc) on lab',
        "Container host-namespaces shares the host's process namespace on lab",
        'Container unconfined runs with seccomp disabled on lab',
        // podman reports only its own default PIDs limit, so the memory limit is what is missing.
        'Container privileged has no memory limit on lab',
      ]),
    );
  });

  it('podman-4.3-hardened: a locked-down container and a finished job, nothing found', async () => {
    const { obs } = await replayContainers(fixturePath(import.meta.dirname, 'podman-4.3-hardened'));
    expect(obs.containers).toHaveLength(2);
    expect(analyzeDockerPosture(obs, { allow: [] }, 'lab')).toEqual([]);
  });

  it('the allow list accepts containers and container:rule pairs, with * globs', async () => {
    const { obs } = await replayContainers(fixturePath(import.meta.dirname, 'podman-4.3-risky-postures'));
    const left = Object.keys(severities(obs, ['host-mounts:docker-socket', 'privileged', '*:no-healthcheck', '*:no-limits', 'host-*:host-uts']));
    expect(left.sort()).toEqual([
      'capabilities:capabilities',
      'host-mounts:sensitive-mount',
      'host-namespaces:host-network',
      'host-namespaces:host-pid',
      'redis-exposed:published-all-interfaces',
      'unconfined:apparmor-unconfined',
      'unconfined:seccomp-unconfined',
    ]);
  });
});

describe('docker-posture rules on Docker-shaped containers', () => {
  it('a clean Docker container has nothing to report', () => {
    expect(severities(docker({}))).toEqual({});
  });

  it('privileged makes the capability and profile rules moot', () => {
    expect(severities(docker({ privileged: true, capAdd: ['SYS_ADMIN'], securityOpt: ['seccomp=unconfined'] }))).toEqual({ 'c0:privileged': 'critical' });
  });

  it('grades capabilities: Docker defaults ignored, others medium, escape-prone high, ALL critical', () => {
    expect(severities(docker({ capAdd: ['CHOWN', 'NET_BIND_SERVICE'] }))).toEqual({});
    expect(severities(docker({ capAdd: ['SYS_NICE', 'IPC_LOCK'] }))).toEqual({ 'c0:capabilities': 'medium' });
    expect(severities(docker({ capAdd: ['cap_sys_ptrace'] }))).toEqual({ 'c0:capabilities': 'high' });
    expect(severities(docker({ capAdd: ['ALL'] }))).toEqual({ 'c0:capabilities': 'critical' });
  });

  it('grades host mounts: system paths critical, read-write or read-only (the title says which); subpaths and volumes fine', () => {
    const mount = (source: string, ro = false) => docker({ binds: [{ source, target: '/x', ro }] });
    expect(severities(mount('/var/run', false))).toEqual({ 'c0:sensitive-mount': 'critical' });
    expect(severities(mount('/', true))).toEqual({ 'c0:sensitive-mount': 'critical' });
    expect(severities(mount('/proc/', true))).toEqual({ 'c0:sensitive-mount': 'critical' });
    expect(analyzeDockerPosture(mount('/etc', true), { allow: [] }, 'lab')[0]?.title).toBe("Container c0 mounts the host's /etc read-only on lab");
    expect(severities(mount('/etc/localtime', true))).toEqual({});
    expect(severities(docker({ volumes: [{ name: 'etc', target: '/etc' }] }))).toEqual({});
    // The socket is reached by where it comes from or where it lands; read-only does not stop API calls.
    expect(severities(mount('/run/podman/podman.sock', true))).toEqual({ 'c0:docker-socket': 'critical' });
    expect(analyzeDockerPosture(mount('/var/run/docker.sock', true), { allow: [] }, 'lab')[0]?.evidence).toMatchObject({ socket: '/var/run/docker.sock', read_only_mount: true });
  });

  it('finds each host namespace Docker reports, including IPC', () => {
    const obs = docker({ network: 'host', pidMode: 'host' });
    obs.containers[0]!.ipcMode = 'host';
    obs.containers[0]!.utsMode = 'host';
    expect(severities(obs)).toEqual({ 'c0:host-network': 'medium', 'c0:host-pid': 'high', 'c0:host-ipc': 'medium', 'c0:host-uts': 'low' });
  });

  it('reports ports on every interface once per container, high for datastores, and not loopback ones', () => {
    const found = analyzeDockerPosture(
      docker({ ports: [{ container: 80, host: 8080, v6: true }, { container: 443, host: 8443 }, { container: 9000, host: 9000, ip: '127.0.0.1' }] }),
      { allow: [] },
      'lab',
    );
    expect(found).toEqual([
      expect.objectContaining({
        subject: 'c0:published-all-interfaces',
        severity: 'medium',
        title: 'Container c0 publishes ports 8080/tcp, 8443/tcp on all interfaces on lab',
        evidence: expect.objectContaining({ ports: '*:8080->80/tcp, *:8443->443/tcp', high_risk: null }),
      }),
    ]);
    expect(severities(docker({ ports: [{ container: 27017, host: 27017 }] }))).toEqual({ 'c0:published-all-interfaces': 'high' });
  });

  it('judges containers that run or will run, not finished one-shot jobs', () => {
    expect(severities(docker({ status: 'exited', privileged: true }))).toEqual({});
    expect(severities(docker({ status: 'exited', privileged: true, restart: 'unless-stopped' }))).toEqual({ 'c0:privileged': 'critical' });
  });

  it('titles and evidence stay inert with hostile container names and images', () => {
    for (const hostile of HOSTILE_STRINGS) {
      for (const f of analyzeDockerPosture(docker({ name: hostile, image: hostile, privileged: true }), { allow: [] }, 'lab')) {
        expect(f.title).not.toMatch(/[<>`$]|\.\.\//);
        expect([...f.title].some((ch) => ch.charCodeAt(0) < 32)).toBe(false);
        expect(f.subject).toMatch(/^[a-zA-Z0-9_.~-]+:[a-z-]+$/);
        expect(JSON.stringify(f.evidence)).not.toMatch(/[<>`]|\$\(/);
      }
    }
  });
});

describe('docker-posture options', () => {
  const schema = v.object(dockerPosture.options);

  it('parses allow entries strictly', () => {
    expect(parseAllowEntry('portainer:docker-socket')).toEqual({ container: 'portainer', rule: 'docker-socket' });
    expect(parseAllowEntry('node-exporter')).toEqual({ container: 'node-exporter', rule: null });
    expect(parseAllowEntry('*:no-healthcheck')).toEqual({ container: '*', rule: 'no-healthcheck' });
    for (const bad of ['portainer:docker_socket', 'a:b:c', '', '<x>', 'x:']) expect(parseAllowEntry(bad), bad).toBeNull();
    expect(v.safeParse(schema, { allow: ['portainer:socket'] }).success).toBe(false);
    expect(v.parse(schema, {})).toEqual({ allow: [] });
  });

  it('reports a bad entry and an unknown key in vigil.yaml with file, line and key path', () => {
    const text = 'checks:\n  docker-posture:\n    allow: ["portainer:socket"]\n  container-health:\n    restart_treshold: 3\n';
    expect(() => parseConfigText(text, '/etc/vigil/vigil.yaml')).toThrow(/vigil\.yaml:3: checks\.docker-posture\.allow\.0: expected CONTAINER or CONTAINER:RULE/);
    expect(() => parseConfigText(text, '/etc/vigil/vigil.yaml')).toThrow(/vigil\.yaml:5: checks\.container-health\.restart_treshold/);
  });
});
