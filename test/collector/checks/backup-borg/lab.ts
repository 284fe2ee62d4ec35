// A real borg lab in a temp directory: repositories, dated archives, a damaged segment, another client's lock, a moved repository.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, open, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../../../helpers/tmp';

/** borg's `--timestamp` format (UTC with TZ=UTC). */
function borgTime(d: Date): string {
  return d.toISOString().slice(0, 19);
}

/** A temp directory holding borg repositories and borg's own state (BORG_BASE_DIR): nothing outside it is touched. */
export class BorgLab {
  readonly passphrase = `lab-${randomBytes(12).toString('hex')}`;

  private constructor(
    readonly dir: string,
    private readonly binary: string,
  ) {}

  /** Make the lab; the check's own borg (LocalHost inherits the environment) must use `baseDir` too. */
  static async create(binary: string): Promise<BorgLab> {
    const lab = new BorgLab(await tempDir('vigil-borg-'), binary);
    await mkdir(lab.baseDir, { recursive: true });
    await writeFile(lab.passphraseFile, `${lab.passphrase}\n`, { mode: 0o600 });
    await writeFile(lab.wrongPassphraseFile, 'not-the-passphrase\n', { mode: 0o600 });
    return lab;
  }

  /** This machine's borg state: the security directory that remembers where each repository was. */
  get baseDir(): string {
    return join(this.dir, 'borg-base');
  }

  get passphraseFile(): string {
    return join(this.dir, 'borg-pass');
  }

  get wrongPassphraseFile(): string {
    return join(this.dir, 'wrong-pass');
  }

  /** A path inside the lab. */
  path(name: string): string {
    return join(this.dir, name);
  }

  /** Another machine using the same repositories: its own borg state and host id. */
  private env(other = false): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: this.path('home'),
      TZ: 'UTC',
      BORG_BASE_DIR: other ? this.path('other-client') : this.baseDir,
      ...(other ? { BORG_HOST_ID: 'backup-client@1234' } : {}),
      BORG_PASSCOMMAND: `cat ${this.passphraseFile}`,
    };
  }

  private must(args: readonly string[], other = false): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = execFile(this.binary, args, { env: this.env(other), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`borg ${args.join(' ')} failed: ${stderr}`));
        else resolve(stdout);
      });
      child.stdin?.end();
    });
  }

  /** A new repository (repokey-blake2 unless `none`); `other` makes it as another client, so this machine has never seen it. */
  async init(name: string, encryption = 'repokey-blake2', other = false): Promise<string> {
    const repo = this.path(name);
    await this.must(['init', '--encryption', encryption, repo], other);
    return repo;
  }

  /** A source folder with files of the given sizes. */
  async source(name: string, sizes: readonly number[]): Promise<string> {
    const dir = this.path(name);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await Promise.all(sizes.map((size, i) => writeFile(join(dir, `dump-${i}.bin`), randomBytes(size))));
    return dir;
  }

  /** `borg create REPO::NAME SOURCE`, optionally dated with `--timestamp`. */
  async create(repo: string, name: string, source: string, time?: Date): Promise<void> {
    await this.must(['create', ...(time ? ['--timestamp', borgTime(time)] : []), `${repo}::${name}`, source]);
  }

  /** Overwrite bytes in the middle of the repository's largest segment file. */
  async corruptLargestSegment(repo: string): Promise<void> {
    const files: { file: string; size: number }[] = [];
    for (const sub of await readdir(join(repo, 'data'))) {
      for (const name of await readdir(join(repo, 'data', sub))) files.push({ file: join(repo, 'data', sub, name), size: (await stat(join(repo, 'data', sub, name))).size });
    }
    const largest = files.sort((a, b) => b.size - a.size)[0]!;
    const handle = await open(largest.file, 'r+');
    try {
      await handle.write(Buffer.from('vigil-bit-rot'), 0, 13, Math.floor(largest.size / 2));
    } finally {
      await handle.close();
    }
  }

  /**
   * Leave another client's lock: `borg create REPO::stream -` from "backup-client" locks the repository and waits for
   * stdin; SIGKILL leaves the lock. borg only breaks stale locks of its own host, so this one stays, as in real life.
   */
  async leaveForeignLock(repo: string): Promise<void> {
    const child = spawn(this.binary, ['create', `${repo}::stream`, '-'], { env: this.env(true), stdio: ['pipe', 'ignore', 'ignore'] });
    try {
      for (let i = 0; i < 200; i++) {
        const held = await stat(join(repo, 'lock.exclusive')).catch(() => null);
        if (held) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('borg took no lock');
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
    }
  }

  /** Copy a repository elsewhere: borg's security directory still knows where it was. */
  async relocate(repo: string, name: string): Promise<string> {
    const moved = this.path(name);
    await cp(repo, moved, { recursive: true });
    return moved;
  }
}

/** What the borg lab must find, live and in its recording: [subject, severity], sorted. */
export const BORG_LAB_FINDINGS: [string, string][] = [
  ['damaged:verify-failed', 'critical'],
  ['ha:stale', 'high'],
  ['locked:stale-lock', 'low'],
  ['locked:verify-not-run', 'low'],
  ['missing:missing-repo', 'high'],
  ['moved:relocated', 'high'],
  ['not-a-repo:not-a-repo', 'high'],
  ['plain:unknown-unencrypted', 'low'],
  ['wrong-passphrase:wrong-password', 'high'],
];
