// The SSH workflow as a user meets it: trust a host, run, capture it and replay, doctor — against a real sshd.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBinary } from '../helpers/binaries';
import { vigil } from '../helpers/cli';
import { startPodman } from '../helpers/podman';
import { makeKey, startSshd, type Sshd } from '../helpers/sshd';
import { tempDir } from '../helpers/tmp';

const SSHD = requireBinary('sshd', 'openssh-server');

describe.runIf(SSHD)('vigil with an SSH host', () => {
  let dir: string;
  let sshd: Sshd;
  let config: string;

  beforeAll(async () => {
    dir = await tempDir('vigil-cli-ssh-');
    const key = makeKey(join(dir, 'id_ed25519'));
    sshd = await startSshd(join(dir, 'sshd'), [key.line]);
    config = join(dir, 'vigil.yaml');
    writeFileSync(
      config,
      [
        `vault: ${dir}/vault`,
        `state_dir: ${dir}/state`,
        'hosts:',
        '  - name: remote',
        `    ssh: { host: 127.0.0.1, port: ${sshd.port}, user: root, key: ${key.path}, known_hosts: ${dir}/known_hosts }`,
        '    checks: [listening-sockets]',
        '',
      ].join('\n'),
    );
  });

  afterAll(async () => {
    await sshd?.stop();
  });

  it('refuses the host until it is trusted, then runs it', async () => {
    const before = await vigil(['run', '--config', config, '--json']);
    expect(before.code, before.stderr).toBe(0);
    const report = JSON.parse(before.stdout);
    const unreachable = report.findings.find((f: { check: string }) => f.check === 'host-unreachable');
    expect(unreachable.title).toMatch(/^remote could not be reached: host key SHA256:\S+ is not trusted yet: run `vigil trust remote`$/);
    expect(unreachable.remediation).toMatch(/vigil trust remote/);

    const noTty = await vigil(['trust', 'remote', '--config', config]);
    expect(noTty.code).toBe(2);
    expect(noTty.stdout).toMatch(/presents a ssh-ed25519 key\n {2}SHA256:/);
    const trusted = await vigil(['trust', 'remote', '--config', config, '--yes']);
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(trusted.stdout).toContain(`pinned in ${dir}/known_hosts`);
    expect(readFileSync(join(dir, 'known_hosts'), 'utf8')).toMatch(/^\|1\|/);
    expect((await vigil(['trust', 'remote', '--config', config, '--yes'])).stdout).toContain('already trusted');

    const after = await vigil(['run', '--config', config, '--json']);
    const r2 = JSON.parse(after.stdout);
    expect(r2.hosts).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'remote', reachable: true })]));
    expect(r2.checks.find((c: { host: string }) => c.host === 'remote')).toMatchObject({ check: 'listening-sockets', status: 'ok' });
  });

  it('capture --host records the remote machine; replaying it gives the live findings', async () => {
    // The capture is itself a live run; its report is what the replay must reproduce.
    const cap = await vigil(['capture', '--host', 'remote', '--only', 'listening-sockets', '--out', join(dir, 'remote.json'), '--config', config, '--json']);
    expect(cap.code, cap.stderr).toBe(0);
    const live = JSON.parse(cap.stdout);
    const fixture = JSON.parse(readFileSync(join(dir, 'remote.json'), 'utf8'));
    expect(fixture).toMatchObject({ host: 'remote', kind: 'ssh' });
    const replay = JSON.parse((await vigil(['replay', join(dir, 'remote.json'), '--strict', '--only', 'listening-sockets', '--json'])).stdout);
    const ids = (fs: { id: string; check: string }[]) => fs.filter((f) => f.check === 'listening-sockets').map((f) => f.id).sort();
    expect(ids(replay.findings)).toEqual(ids(live.findings));
    expect(replay.checks[0]).toMatchObject({ status: 'ok' });
  });

  it('capture --host with sudo and the remote Docker API: the replay reproduces every check\'s findings', async () => {
    const engine = await startPodman();
    if (!engine) return;
    try {
      await engine.runDetached('vigil-ssh-priv', ['--privileged'], ['sleep', '600']);
      const file = join(dir, 'vigil-docker.yaml');
      const key = readFileSync(config, 'utf8').match(/key: (\S+),/)![1];
      writeFileSync(
        file,
        [
          `vault: ${dir}/vault-docker`,
          `state_dir: ${dir}/state-docker`,
          'hosts:',
          '  - name: box',
          `    ssh: { host: 127.0.0.1, port: ${sshd.port}, user: root, key: ${key}, known_hosts: ${dir}/known_hosts }`,
          '    sudo: true',
          `    docker: unix://${engine.socket}`,
          '    checks: [listening-sockets, docker-posture, container-health, ssh-auth]',
          '',
        ].join('\n'),
      );
      expect((await vigil(['trust', 'box', '--config', file, '--yes'])).code).toBe(0);
      const cap = await vigil(['capture', '--host', 'box', '--out', join(dir, 'box.json'), '--config', file, '--json']);
      expect(cap.code, cap.stderr).toBe(0);
      const live = JSON.parse(cap.stdout);
      // Through the SSH tunnel to the engine's socket: the privileged container is seen on the remote host.
      expect(live.findings).toEqual(expect.arrayContaining([expect.objectContaining({ check: 'docker-posture', severity: 'critical', title: 'Container vigil-ssh-priv runs privileged on box' })]));
      expect(JSON.parse(readFileSync(join(dir, 'box.json'), 'utf8'))).toMatchObject({ host: 'box', sudo: true, docker: engine.socket });
      const replayed = await vigil(['replay', join(dir, 'box.json'), '--strict', '--json']);
      const replay = JSON.parse(replayed.stdout);
      const ids = (fs: { id: string }[]) => fs.map((f) => f.id).sort();
      expect(ids(replay.findings)).toEqual(ids(live.findings));
      const status = (r: { checks: { check: string; status: string }[] }) => Object.fromEntries(r.checks.map((c) => [c.check, c.status]));
      expect(status(replay)).toMatchObject({ 'docker-posture': 'ok', 'container-health': 'ok', 'listening-sockets': 'ok' });
      expect(status(replay)['ssh-auth']).toBe(status(live)['ssh-auth']);
    } finally {
      await engine.stop();
    }
  }, 120_000);

  it('doctor connects and says what works', async () => {
    const d = await vigil(['doctor', '--config', config]);
    expect(d.stdout).toContain('✓ host remote: connected as root, host key pinned');
    expect(d.stdout).toMatch(/host remote: Docker API (not reachable through SSH|at .* answered)/);
  });

  it('a changed key refuses trust without --replace and is a critical finding in a run', async () => {
    const pinned = join(dir, 'known_hosts');
    const original = readFileSync(pinned, 'utf8');
    const other = makeKey(join(dir, 'impostor'));
    writeFileSync(pinned, `[127.0.0.1]:${sshd.port} ssh-ed25519 ${other.blob.toString('base64')}\n`);
    try {
      const run = JSON.parse((await vigil(['run', '--config', config, '--json'])).stdout);
      expect(run.findings.find((f: { check: string }) => f.check === 'host-key-changed')).toMatchObject({ severity: 'critical', host: 'remote' });
      const refuse = await vigil(['trust', 'remote', '--config', config, '--yes']);
      expect(refuse.code).toBe(2);
      expect(refuse.stdout).toContain('This is NOT the key pinned for remote');
      const replace = await vigil(['trust', 'remote', '--config', config, '--yes', '--replace']);
      expect(replace.code, replace.stdout).toBe(0);
      expect(readFileSync(pinned, 'utf8')).not.toContain(other.blob.toString('base64'));
    } finally {
      writeFileSync(pinned, original);
    }
  });
});
