// SshHost: a remote machine over one reused ssh2 connection — commands, SFTP reads, HTTP/TLS through forwards.
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import type { ClientChannel, SFTPWrapper, Stats as SftpStats } from 'ssh2';
import { ProbeError } from '../../errors/probe-error';
import { messageOf } from '../../errors/vigil-error';
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
} from '../host';
import { httpRequest, tlsHandshake } from '../net';
import { buildRemoteCommand, sudoRefusal } from './shell-quote';

/** SFTP status codes (draft-ietf-secsh-filexfer-02, section 7). */
const SFTP_NO_SUCH_FILE = 2;
const SFTP_PERMISSION_DENIED = 3;

function sftpError(error: unknown, path: string): ProbeError {
  const code = (error as { code?: number }).code;
  if (code === SFTP_NO_SUCH_FILE) return new ProbeError('ENOENT', `${path}: no such file or directory`);
  if (code === SFTP_PERMISSION_DENIED) return new ProbeError('EACCES', `${path}: permission denied`);
  return new ProbeError('EIO', `${path}: ${messageOf(error)}`);
}

function typeOf(mode: number): FileType {
  switch (mode & 0o170000) {
    case 0o100000:
      return 'file';
    case 0o040000:
      return 'dir';
    case 0o120000:
      return 'symlink';
    default:
      return 'other';
  }
}

function toStat(a: SftpStats): FileStat {
  return { type: typeOf(a.mode), size: a.size, mode: a.mode & 0o7777, uid: a.uid, gid: a.gid, mtimeMs: a.mtime * 1000 };
}

/** A connected remote host. Create it with `connectSsh`. */
export class SshHost implements Host {
  readonly kind = 'ssh' as const;
  private sftpSession: Promise<SFTPWrapper> | null = null;
  /** Why the connection is gone, once it is. */
  lost: string | null = null;

  constructor(
    readonly name: string,
    private readonly client: ssh2.Client,
    private readonly allowSudo: boolean,
    private readonly commandTimeoutMs: number,
  ) {
    const onGone = (why: string) => {
      this.lost ??= why;
    };
    client.on('close', () => onGone('the connection closed'));
    client.on('end', () => onGone('the server ended the connection'));
    client.on('error', (error) => onGone(messageOf(error)));
  }

  private alive(): void {
    if (this.lost) throw new ProbeError('ECONNLOST', `connection to ${this.name} lost: ${this.lost}`);
  }

  private channel(command: string): Promise<ClientChannel> {
    this.alive();
    return new Promise((resolve, reject) => {
      this.client.exec(command, (error, stream) => (error ? reject(this.wrap(error)) : resolve(stream)));
    });
  }

  private wrap(error: unknown): ProbeError {
    if (this.lost) return new ProbeError('ECONNLOST', `connection to ${this.name} lost: ${this.lost}`);
    return error instanceof ProbeError ? error : new ProbeError('EIO', `${this.name}: ${messageOf(error)}`);
  }

  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const sudo = Boolean(options.sudo && this.allowSudo);
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_EXEC_BYTES;
    const timeoutMs = options.timeoutMs ?? this.commandTimeoutMs;
    const stream = await this.channel(buildRemoteCommand(argv, sudo, timeoutMs / 1000 + 1));
    const what = argv[0] ?? '';
    return new Promise((resolve, reject) => {
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let size = 0;
      let truncated = false;
      let code: number | null = null;
      let settled = false;
      const stop = () => {
        // OpenSSH honours channel signals since 7.9; closing the channel covers older servers.
        stream.signal('KILL');
        stream.close();
      };
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.client.removeListener('close', onLost);
        fn();
      };
      const onAbort = () => {
        stop();
        finish(() => reject(new ProbeError('ETIMEDOUT', `${what} on ${this.name}: aborted`)));
      };
      const onLost = () => finish(() => reject(this.wrap(new Error('connection closed'))));
      const timer = setTimeout(() => {
        stop();
        finish(() => reject(new ProbeError('ETIMEDOUT', `${what} on ${this.name}: no answer within ${timeoutMs} ms`)));
      }, timeoutMs);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.client.once('close', onLost);
      const collect = (chunks: Buffer[]) => (chunk: Buffer) => {
        if (truncated) return;
        size += chunk.length;
        if (size > maxBytes) {
          truncated = true;
          chunks.push(chunk.subarray(0, chunk.length - (size - maxBytes)));
          stop();
          return;
        }
        chunks.push(chunk);
      };
      stream.on('data', collect(out));
      stream.stderr.on('data', collect(err));
      stream.on('exit', (c: number | null) => {
        code = c;
      });
      stream.on('close', () =>
        finish(() => {
          const stderr = Buffer.concat(err).toString('utf8');
          const refusal = sudo && code !== 0 ? sudoRefusal(stderr) : null;
          if (refusal) {
            reject(new ProbeError('ESUDO', `sudo -n is not permitted on ${this.name}: ${refusal}`));
            return;
          }
          resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr, ...(truncated ? { truncated } : {}) });
        }),
      );
    });
  }

  private sftp(): Promise<SFTPWrapper> {
    this.alive();
    if (this.sftpSession) return this.sftpSession;
    const session = new Promise<SFTPWrapper>((resolve, reject) => {
      // A server that accepts the channel but never starts the subsystem would leave this pending forever,
      // and every later read on the host waiting with it: give up after the command timeout, and forget it.
      const timer = setTimeout(
        () => reject(new ProbeError('ETIMEDOUT', `${this.name}: the SFTP subsystem did not start within ${Math.round(this.commandTimeoutMs / 1000)}s`)),
        this.commandTimeoutMs,
      );
      this.client.sftp((error, sftp) => {
        clearTimeout(timer);
        if (error) reject(new ProbeError('EUNSUPPORTED', `${this.name}: the SFTP subsystem is not available (${messageOf(error)})`));
        else resolve(sftp);
      });
    });
    this.sftpSession = session;
    session.catch(() => {
      if (this.sftpSession === session) this.sftpSession = null;
    });
    return session;
  }

  async readFile(path: string, options: ReadOptions = {}): Promise<Buffer> {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_READ_BYTES;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of this.readStream(path, { ...options, maxBytes })) {
      size += chunk.length;
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, size);
  }

  async *readStream(path: string, options: ReadOptions = {}): AsyncIterable<Buffer> {
    const maxBytes = options.maxBytes ?? Number.MAX_SAFE_INTEGER;
    let total = 0;
    const cap = (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) throw new ProbeError('ETOOBIG', `${path} on ${this.name}: more than the ${maxBytes}-byte cap`);
      return chunk;
    };
    if (options.sudo && this.allowSudo) {
      // Root-only files: `sudo -n cat`, streamed from the channel.
      const stream = await this.channel(buildRemoteCommand(['cat', '--', path], true));
      const stderr: Buffer[] = [];
      stream.stderr.on('data', (d: Buffer) => stderr.push(d));
      let exit: number | null = null;
      stream.on('exit', (c: number | null) => (exit = c));
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) yield cap(chunk);
      } finally {
        stream.close();
      }
      const text = Buffer.concat(stderr).toString('utf8');
      const refusal = sudoRefusal(text);
      if (refusal) throw new ProbeError('ESUDO', `sudo -n is not permitted on ${this.name}: ${refusal}`);
      if (exit !== null && exit !== 0) {
        throw new ProbeError(/No such file/.test(text) ? 'ENOENT' : /Permission denied/.test(text) ? 'EACCES' : 'EIO', `${path} on ${this.name}: cat failed`);
      }
      return;
    }
    const sftp = await this.sftp();
    const stream = sftp.createReadStream(path, { highWaterMark: 256 * 1024 });
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) yield cap(chunk);
    } catch (error) {
      if (error instanceof ProbeError) throw error;
      throw this.lost ? this.wrap(error) : sftpError(error, path);
    } finally {
      stream.destroy();
    }
  }

  async stat(path: string): Promise<FileStat | null> {
    const sftp = await this.sftp();
    return new Promise((resolve, reject) => {
      sftp.lstat(path, (error, attrs) => {
        if (!error) return resolve(toStat(attrs));
        const e = sftpError(error, path);
        if (e.probeCode === 'ENOENT') resolve(null);
        else reject(this.lost ? this.wrap(error) : e);
      });
    });
  }

  async list(path: string): Promise<DirEntry[]> {
    const sftp = await this.sftp();
    return new Promise((resolve, reject) => {
      sftp.readdir(path, (error, list) => {
        if (error) return reject(this.lost ? this.wrap(error) : sftpError(error, path));
        resolve(
          list
            .map((e) => ({ name: e.filename, type: typeOf(e.attrs.mode) }))
            .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
        );
      });
    });
  }

  /** A stream to a unix socket on the remote machine (like `docker -H ssh://`), or to a TCP port it can reach. */
  private forward(request: { socketPath?: string; host?: string; port?: number }): Promise<Duplex> {
    this.alive();
    return new Promise((resolve, reject) => {
      const done = (error: Error | undefined, stream: ClientChannel) => {
        if (error) {
          const where = request.socketPath ?? `${request.host}:${request.port}`;
          reject(new ProbeError(/open failed|refused|No such file/i.test(error.message) ? 'ECONNREFUSED' : 'EIO', `${where} on ${this.name}: ${error.message}`));
        } else resolve(stream);
      };
      if (request.socketPath) this.client.openssh_forwardOutStreamLocal(request.socketPath, done);
      else this.client.forwardOut('127.0.0.1', 0, request.host ?? '127.0.0.1', request.port ?? 80, done);
    });
  }

  async http(request: HttpRequest): Promise<HttpResponse> {
    if (request.socketPath) {
      const stream = await this.forward({ socketPath: request.socketPath });
      return httpRequest(request, () => stream);
    }
    const url = new URL(request.url);
    const https = url.protocol === 'https:';
    const port = Number(url.port || (https ? 443 : 80));
    const stream = await this.forward({ host: url.hostname, port });
    const connection = https
      ? tls.connect({ socket: stream, servername: url.hostname, ...(request.ca ? { ca: request.ca } : {}), rejectUnauthorized: !request.insecure })
      : stream;
    return httpRequest(request, () => connection);
  }

  async tls(request: TlsRequest): Promise<TlsResult> {
    const stream = await this.forward({ host: request.host, port: request.port });
    return tlsHandshake(request, stream);
  }

  async close(): Promise<void> {
    this.lost ??= 'closed by Vigil';
    this.client.end();
  }
}
