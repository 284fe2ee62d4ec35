// Start Debian's real prometheus on 127.0.0.1 with a config written by the test, wait for a condition, stop it by pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';

/** A running Prometheus. */
export interface RunningPrometheus {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** A loopback port that was free a moment ago (listen on 0, read it, close). */
export function freePort(): Promise<number> {
  const server = net.createServer();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Start `binary` with `prometheus.yml` and `rules.yml` written into `dir`; resolves once it listens. */
export async function startPrometheus(binary: string, dir: string, config: string, rules: string): Promise<RunningPrometheus> {
  const port = await freePort();
  writeFileSync(join(dir, 'prometheus.yml'), config.replaceAll('SELF', `127.0.0.1:${port}`));
  writeFileSync(join(dir, 'rules.yml'), rules);
  const log = openSync(join(dir, 'prometheus.log'), 'a');
  const child: ChildProcess = spawn(
    binary,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', log, log] },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${binary}`);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    process.kill(pid, 'SIGTERM');
    const killer = setTimeout(() => process.kill(pid, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  };
  try {
    await waitFor(async () => (await fetch(`${url}/-/ready`)).ok, 60_000, 'prometheus to become ready');
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid, stop };
}

/** Poll `condition` every 250 ms until it holds or `boundMs` passes (a generous bound, not a timing assertion). */
export async function waitFor(condition: () => Promise<boolean>, boundMs: number, what: string): Promise<void> {
  const deadline = performance.now() + boundMs;
  for (;;) {
    try {
      if (await condition()) return;
    } catch {
      // not up yet
    }
    if (performance.now() > deadline) throw new Error(`gave up waiting for ${what} after ${boundMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
