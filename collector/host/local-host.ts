// LocalHost: the machine Vigil runs on, through child processes without a shell, fs, http and tls.
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { ProbeError } from '../errors/probe-error';
import { toProbeError } from './probe-errors';
import { httpRequest, tlsHandshake } from './net';
import { sudoRefusal } from './ssh/shell-quote';
import {
  DEFAULT_MAX_EXEC_BYTES,
  DEFAULT_MAX_READ_BYTES,
  type DirEntry,
  type ExecOptions,
  type ExecResult,
  type FileStat,
  type FileType,
  type Host,
  type HttpRequest,
  type HttpResponse,
  type ReadOptions,
  type TlsRequest,
  type TlsResult,
} from './host';

/** Convert fs stats to the FileStat the checks see. */
export function toFileStat(s: Stats): FileStat {
  return {
    type: fileType(s),
    size: s.size,
    mode: s.mode & 0o7777,
    uid: s.uid,
    gid: s.gid,
    mtimeMs: Math.floor(s.mtimeMs),
  };
}

function fileType(s: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): FileType {
  if (s.isFile()) return 'file';
  if (s.isDirectory()) return 'dir';
  if (s.isSymbolicLink()) return 'symlink';
  return 'other';
}

/** The local machine. Commands run with LC_ALL=C so their output parses the same everywhere. */
export class LocalHost implements Host {
  readonly kind = 'local' as const;
  constructor(
    readonly name: string,
    private readonly allowSudo = false,
  ) {}

  exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    if (argv.length === 0) return Promise.reject(new ProbeError('EIO', 'exec: empty command'));
    const full = options.sudo && this.allowSudo && process.getuid?.() !== 0 ? ['sudo', '-n', '--', ...argv] : [...argv];
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_EXEC_BYTES;
    return new Promise((resolve, reject) => {
      const child = spawn(full[0]!, full.slice(1), {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
        detached: true,
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let size = 0;
      let truncated = false;
      let settled = false;
      const kill = () => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      };
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const onAbort = () => {
        kill();
        finish(() => reject(new ProbeError('ETIMEDOUT', `${argv[0]}: aborted`)));
      };
      const timer = options.timeoutMs
        ? setTimeout(() => {
            kill();
            finish(() => reject(new ProbeError('ETIMEDOUT', `${argv[0]}: timed out after ${options.timeoutMs} ms`)));
          }, options.timeoutMs)
        : undefined;
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const collect = (chunks: Buffer[]) => (chunk: Buffer) => {
        if (truncated) return;
        size += chunk.length;
        if (size > maxBytes) {
          truncated = true;
          chunks.push(chunk.subarray(0, chunk.length - (size - maxBytes)));
          kill();
          return;
        }
        chunks.push(chunk);
      };
      child.stdout.on('data', collect(out));
      child.stderr.on('data', collect(err));
      child.on('error', (error) => finish(() => reject(toProbeError(error, argv[0]!))));
      child.on('close', (code) =>
        finish(() => {
          const stderr = Buffer.concat(err).toString('utf8');
          const refusal = full[0] === 'sudo' && code !== 0 ? sudoRefusal(stderr) : null;
          if (refusal) {
            reject(new ProbeError('ESUDO', `sudo -n is not permitted on ${this.name}: ${refusal}`));
            return;
          }
          resolve({
            code: truncated ? (code ?? 0) : code,
            stdout: Buffer.concat(out).toString('utf8'),
            stderr,
            ...(truncated ? { truncated } : {}),
          });
        }),
      );
    });
  }

  /** Whether a read should go through `sudo -n cat` (allowed, asked for, and not already root). */
  private viaSudo(options: ReadOptions): boolean {
    return Boolean(options.sudo && this.allowSudo && process.getuid?.() !== 0);
  }

  /** Root-only files: `sudo -n cat`, streamed as bytes (exec decodes text and would corrupt binaries). */
  private async *sudoRead(path: string, maxBytes: number): AsyncIterable<Buffer> {
    const child = spawn('sudo', ['-n', '--', 'cat', '--', path], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C', LANG: 'C' } });
    const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let total = 0;
    try {
      for await (const chunk of child.stdout) {
        total += (chunk as Buffer).length;
        if (total > maxBytes) throw new ProbeError('ETOOBIG', `${path}: more than the ${maxBytes}-byte cap`);
        yield chunk as Buffer;
      }
      const code = await closed;
      const refusal = sudoRefusal(stderr);
      if (refusal) throw new ProbeError('ESUDO', `sudo -n is not permitted on ${this.name}: ${refusal}`);
      if (code !== 0) {
        throw new ProbeError(/No such file/.test(stderr) ? 'ENOENT' : /Permission denied/.test(stderr) ? 'EACCES' : 'EIO', `${path}: sudo -n cat failed (exit ${code})`);
      }
    } finally {
      child.kill('SIGKILL');
    }
  }

  async readFile(path: string, options: ReadOptions = {}): Promise<Buffer> {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_READ_BYTES;
    if (this.viaSudo(options)) {
      const chunks: Buffer[] = [];
      for await (const c of this.sudoRead(path, maxBytes)) chunks.push(c);
      return Buffer.concat(chunks);
    }
    try {
      const handle = await open(path, 'r');
      try {
        const s = await handle.stat();
        if (s.isDirectory()) throw new ProbeError('EISDIR', `${path}: is a directory`);
        if (s.size > maxBytes) throw new ProbeError('ETOOBIG', `${path}: ${s.size} bytes is over the ${maxBytes}-byte cap`);
        // /proc files report size 0; read until EOF with the cap applied.
        const chunks: Buffer[] = [];
        let total = 0;
        for (;;) {
          const buf = Buffer.alloc(65536);
          const { bytesRead } = await handle.read(buf, 0, buf.length, null);
          if (bytesRead === 0) break;
          total += bytesRead;
          if (total > maxBytes) throw new ProbeError('ETOOBIG', `${path}: more than the ${maxBytes}-byte cap`);
          chunks.push(buf.subarray(0, bytesRead));
        }
        return Buffer.concat(chunks);
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw toProbeError(error, path);
    }
  }

  async *readStream(path: string, options: ReadOptions = {}): AsyncIterable<Buffer> {
    const maxBytes = options.maxBytes ?? Number.MAX_SAFE_INTEGER;
    if (this.viaSudo(options)) {
      yield* this.sudoRead(path, maxBytes);
      return;
    }
    let total = 0;
    try {
      for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
        const buf = chunk as Buffer;
        total += buf.length;
        if (total > maxBytes) throw new ProbeError('ETOOBIG', `${path}: more than the ${maxBytes}-byte cap`);
        yield buf;
      }
    } catch (error) {
      throw toProbeError(error, path);
    }
  }

  async stat(path: string): Promise<FileStat | null> {
    try {
      return toFileStat(await lstat(path));
    } catch (error) {
      const e = toProbeError(error, path);
      if (e.probeCode === 'ENOENT' || e.probeCode === 'ENOTDIR') return null;
      throw e;
    }
  }

  async list(path: string): Promise<DirEntry[]> {
    try {
      const entries = await readdir(path, { withFileTypes: true });
      return entries
        .map((d) => ({ name: d.name, type: fileType(d) }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      throw toProbeError(error, path);
    }
  }

  http(request: HttpRequest): Promise<HttpResponse> {
    return httpRequest(request);
  }

  tls(request: TlsRequest): Promise<TlsResult> {
    return tlsHandshake(request);
  }

  async close(): Promise<void> {}
}
