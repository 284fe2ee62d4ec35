// A real restic lab in a temp directory: repositories, snapshots at chosen times, a damaged pack, a lock left by a killed restic.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../../../helpers/tmp';

/** What a restic command answered. */
export interface Answer {
  code: number;
  stdout: string;
  stderr: string;
}

/** restic's `--time` format, in UTC (the lab runs restic with TZ=UTC). */
function resticTime(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** A temp directory holding restic repositories, sources and password files; nothing outside it is touched. */
export class ResticLab {
  /** The repository password, random per run: the tests assert it is in no fixture, finding or fact. */
  readonly password = `lab-${randomBytes(12).toString('hex')}`;

  private constructor(
    readonly dir: string,
    private readonly binary: string,
  ) {}

  /** Make the lab: password files and an isolated HOME (restic is also run with --no-cache). */
  static async create(binary: string): Promise<ResticLab> {
    const lab = new ResticLab(await tempDir('vigil-restic-'), binary);
    await mkdir(join(lab.dir, 'home'), { recursive: true });
    await writeFile(lab.passwordFile, `${lab.password}\n`, { mode: 0o600 });
    await writeFile(lab.wrongPasswordFile, 'not-the-password\n', { mode: 0o600 });
    return lab;
  }

  get passwordFile(): string {
    return join(this.dir, 'restic-pass');
  }

  get wrongPasswordFile(): string {
    return join(this.dir, 'wrong-pass');
  }

  /** A path inside the lab. */
  path(name: string): string {
    return join(this.dir, name);
  }

  private env(): NodeJS.ProcessEnv {
    return { PATH: process.env.PATH, HOME: this.path('home'), TZ: 'UTC', LC_ALL: 'C', RESTIC_PASSWORD_FILE: this.passwordFile };
  }

  /** Run restic in the lab with the lab's password. */
  run(args: readonly string[], stdin?: string): Promise<Answer> {
    return new Promise((resolve) => {
      const child = execFile(this.binary, ['--no-cache', ...args], { env: this.env(), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
      if (stdin !== undefined) child.stdin?.end(stdin);
      else child.stdin?.end();
    });
  }

  private async must(args: readonly string[]): Promise<Answer> {
    const answer = await this.run(args);
    if (answer.code !== 0) throw new Error(`restic ${args.join(' ')} failed (${answer.code}): ${answer.stderr}`);
    return answer;
  }

  /** A new repository; returns its path. */
  async init(name: string): Promise<string> {
    const repo = this.path(name);
    await this.must(['--repo', repo, 'init']);
    return repo;
  }

  /** A source folder with files of the given sizes (random bytes, so nothing deduplicates between runs by accident). */
  async source(name: string, sizes: readonly number[]): Promise<string> {
    const dir = this.path(name);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await Promise.all(sizes.map((size, i) => writeFile(join(dir, `file-${i}.bin`), randomBytes(size))));
    return dir;
  }

  /** Back up `source` into `repo`, optionally dated (`restic backup --time`), tagged or under another host name. */
  async backup(repo: string, source: string, options: { time?: Date; tags?: string[]; host?: string } = {}): Promise<void> {
    const args = ['--repo', repo, 'backup', source, '--json'];
    if (options.time) args.push('--time', resticTime(options.time));
    for (const tag of options.tags ?? []) args.push('--tag', tag);
    if (options.host) args.push('--host', options.host);
    await this.must(args);
  }

  /** `restic forget --keep-last N --prune`: what a working retention job does. */
  async forget(repo: string, keepLast: number): Promise<void> {
    await this.must(['--repo', repo, 'forget', '--keep-last', String(keepLast), '--prune']);
  }

  /** Overwrite bytes in the middle of the repository's largest data pack (what bit rot or a bad disk does). */
  async corruptLargestPack(repo: string): Promise<void> {
    const packs: { file: string; size: number }[] = [];
    for (const sub of await readdir(join(repo, 'data'))) {
      for (const name of await readdir(join(repo, 'data', sub))) {
        const file = join(repo, 'data', sub, name);
        packs.push({ file, size: (await stat(file)).size });
      }
    }
    const largest = packs.sort((a, b) => b.size - a.size)[0];
    if (!largest) throw new Error('no pack to corrupt');
    await chmod(largest.file, 0o600);
    const handle = await open(largest.file, 'r+');
    try {
      await handle.write(Buffer.from('vigil-bit-rot'), 0, 13, Math.floor(largest.size / 2));
    } finally {
      await handle.close();
    }
  }

  /**
   * Leave a real stale lock: `restic backup --stdin` takes its lock and then waits for data on stdin; killing it with
   * SIGKILL gives it no chance to remove the lock. Returns when the lock file is in the repository.
   */
  async leaveStaleLock(repo: string): Promise<void> {
    const child = spawn(this.binary, ['--no-cache', '--repo', repo, 'backup', '--stdin', '--stdin-filename', 'stream.bin'], { env: this.env(), stdio: ['pipe', 'ignore', 'ignore'] });
    try {
      for (let i = 0; i < 200; i++) {
        // Killed too early, restic leaves an empty lock file that no restic can read: wait until the lock is
        // complete (restic makes a saved file read-only once it is written and synced).
        for (const name of await readdir(join(repo, 'locks'))) {
          const info = await stat(join(repo, 'locks', name)).catch(() => null);
          if (info && info.size > 0 && (info.mode & 0o222) === 0) return;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('restic took no lock');
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
    }
  }
}

/** What the restic lab must find, live and in its recording: [subject, severity], sorted. */
export const RESTIC_LAB_FINDINGS: [string, string][] = [
  ['damaged:verify-failed', 'high'],
  ['documents:stale', 'high'],
  ['laptop:stale', 'high'],
  ['locked:stale-lock', 'low'],
  ['locked:verify-not-run', 'low'],
  ['missing:missing-repo', 'high'],
  ['usb-away:not-connected', 'low'],
  ['wrong-password:wrong-password', 'high'],
];
