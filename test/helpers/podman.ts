// A private podman for integration tests: its own storage in a temp dir, a busybox image, the Docker-compatible API on a socket.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LocalHost } from '../../collector/host/local-host';
import { RecordingHost } from '../../collector/host/recording-host';
import type { Fixture } from '../../collector/host/fixture';
import { requireBinary } from './binaries';
import { tempDir } from './tmp';

const run = promisify(execFile);

/** The image every test container runs: busybox imported from a tarball (no registry is reachable here). */
export const IMAGE = 'localhost/vigil-busybox:test';

/** The socket path fixtures are rewritten to, as on a stock Docker host. */
export const FIXTURE_SOCKET = '/var/run/docker.sock';

/** Applets the containers use. */
const APPLETS = ['sh', 'sleep', 'true', 'false', 'cat', 'echo', 'head', 'tr', 'ls'];

/** A running private podman. */
export interface PodmanEngine {
  dir: string;
  /** The Docker-compatible API socket. */
  socket: string;
  /** Run `podman` with this engine's storage and the runc runtime; resolves with stdout. */
  podman(args: string[]): Promise<string>;
  /** `podman run -d` with the ulimits this machine needs; resolves with the container id. */
  runDetached(name: string, flags: string[], command: string[]): Promise<string>;
  /** Remove every container of this engine and stop its API service. */
  stop(): Promise<void>;
}

/** A free TCP port on loopback (for publishing container ports without colliding with other tests). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function ping(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.request({ socketPath: socket, path: '/_ping', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

async function buildImage(dir: string, podman: PodmanEngine['podman'], busybox: string): Promise<void> {
  const rootfs = join(dir, 'rootfs');
  await mkdir(join(rootfs, 'bin'), { recursive: true });
  await copyFile(busybox, join(rootfs, 'bin', 'busybox'));
  for (const applet of APPLETS) await symlink('busybox', join(rootfs, 'bin', applet));
  await writeFile(join(rootfs, 'README'), 'busybox image built by the Vigil tests\n');
  await run('tar', ['-C', rootfs, '-cf', join(dir, 'rootfs.tar'), '.']);
  await podman(['import', join(dir, 'rootfs.tar'), IMAGE]);
}

/** Wait (up to 20 s) until no process other than `except` has `dir` on its command line. */
async function waitForProcessesUsing(dir: string, except?: number): Promise<void> {
  const users = async () => {
    const found: number[] = [];
    for (const entry of await readdir('/proc')) {
      const pid = Number(entry);
      if (!Number.isInteger(pid) || pid === except || pid === process.pid) continue;
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      if (cmdline.includes(dir)) found.push(pid);
    }
    return found;
  };
  for (let i = 0; i < 100 && (await users()).length > 0; i++) await new Promise((r) => setTimeout(r, 200));
}

/** Lazily unmount anything podman left mounted under `dir` (a container's /dev/shm), so the temp dir can be removed. */
async function unmountUnder(dir: string): Promise<void> {
  const mountinfo = await readFile('/proc/self/mountinfo', 'utf8');
  const points = mountinfo
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((p) => p.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const point of points) await run('umount', ['-l', point]).catch(() => undefined);
}

/** Start a private podman, or return null (with the reason printed) when podman, runc or busybox is missing outside CI. */
export async function startPodman(): Promise<PodmanEngine | null> {
  const podmanBin = requireBinary('podman', 'podman');
  const runc = requireBinary('runc', 'runc');
  const busybox = requireBinary('busybox', 'busybox-static');
  if (!podmanBin || !runc || !busybox) return null;
  const dir = await tempDir('vigil-podman-');
  const socket = join(dir, 'api.sock');
  // Isolated storage and state, so parallel test files never see each other's containers.
  // crun fails on this kernel setup; runc works. vfs needs no overlay support from the file system under /tmp.
  const global = [
    '--runtime', 'runc',
    '--root', join(dir, 'root'),
    '--runroot', join(dir, 'runroot'),
    '--tmpdir', join(dir, 'tmp'),
    '--storage-driver', 'vfs',
    '--cgroup-manager', 'cgroupfs',
    '--events-backend', 'file',
  ];
  const podman = async (args: string[]) => (await run(podmanBin, [...global, ...args], { maxBuffer: 64 * 1024 * 1024 })).stdout;
  let service: ChildProcess | null = null;
  const engine: PodmanEngine = {
    dir,
    socket,
    podman,
    async runDetached(name, flags, command) {
      const out = await podman(['run', '-d', '--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=1024:1024', '--name', name, ...flags, IMAGE, ...command]);
      return out.trim();
    },
    async stop() {
      try {
        // A crash-looping container can be between exit and restart when rm sees it ("state improper"): try again.
        for (let attempt = 1; ; attempt++) {
          try {
            await podman(['rm', '--all', '--force', '--time', '0']);
            break;
          } catch (error) {
            if (attempt >= 10) throw error;
            await new Promise((r) => setTimeout(r, 300));
          }
        }
      } finally {
        // conmon runs `podman container cleanup` after a container dies; it would recreate the storage after the temp dir is gone.
        await waitForProcessesUsing(dir, service?.pid);
        await unmountUnder(dir);
        if (service?.pid && service.exitCode === null) {
          const exited = new Promise((resolve) => service!.once('exit', resolve));
          process.kill(service.pid, 'SIGTERM');
          const timer = setTimeout(() => service?.pid && process.kill(service.pid, 'SIGKILL'), 5000);
          await exited;
          clearTimeout(timer);
        }
        await waitForProcessesUsing(dir);
      }
    },
  };
  await buildImage(dir, podman, busybox);
  service = spawn(podmanBin, [...global, 'system', 'service', '--time=0', `unix://${socket}`], { stdio: 'ignore' });
  for (let i = 0; i < 200 && !(await ping(socket)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await ping(socket))) {
    await engine.stop();
    throw new Error('podman system service did not answer on its socket within 20 s');
  }
  return engine;
}

/** Wait until `condition` holds (polling), failing after `timeoutMs`. Tests wait on states, never on the clock. */
export async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A recording LocalHost, so a live gather can also be written as a fixture. */
export function recordingHost(name: string): RecordingHost {
  return new RecordingHost(new LocalHost(name));
}

/** Scrub what must never be committed from one inspect body: env values, healthcheck output, the temp dir. */
function scrub(json: unknown, dir: string): unknown {
  const text = JSON.stringify(json).split(dir).join('/tmp/vigil-podman');
  const data = JSON.parse(text) as { Config?: { Env?: string[] | null }; State?: { Health?: { Log?: { Output?: string }[] | null } } };
  if (data.Config?.Env) data.Config.Env = data.Config.Env.map((e) => `${e.split('=')[0]}=<scrubbed>`);
  for (const entry of data.State?.Health?.Log ?? []) entry.Output = '';
  return data;
}

/** A recorded gather as a committed fixture: JSON bodies, the socket at its usual path, secrets and temp paths scrubbed. */
export function toCommittedFixture(recorder: RecordingHost, engine: PodmanEngine, capturedAt: Date, description: string): Fixture {
  const { answers, ...recorded } = recorder.toFixture(capturedAt, 'test', 'local');
  return {
    ...recorded,
    host: 'podman',
    description,
    answers: answers.map((a) => {
      if (a.op === 'stat') return { ...a, path: a.path === engine.socket ? FIXTURE_SOCKET : a.path };
      if (a.op !== 'http' || !a.result?.body) return a;
      const json = scrub(JSON.parse(a.result.body), engine.dir);
      return { op: 'http', request: { ...a.request, socketPath: FIXTURE_SOCKET }, result: { status: a.result.status, headers: {}, json } };
    }),
  };
}
