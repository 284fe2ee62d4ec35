// RecordingHost: wraps any host and keeps every question with its answer, to write a fixture (`vigil capture`).
import { ProbeError } from '../errors/probe-error';
import { messageOf } from '../errors/vigil-error';
import { answerKey, encodeContent, FIXTURE_VERSION, type Fixture, type FixtureAnswer } from './fixture';
import type {
  DirEntry,
  ExecOptions,
  ExecResult,
  FileStat,
  Host,
  HttpRequest,
  HttpResponse,
  ReadOptions,
  TlsRequest,
  TlsResult,
} from './host';

/** Streams are recorded whole up to this size; a larger file is recorded as too big. */
const MAX_RECORDED_STREAM = 32 * 1024 * 1024;

/** Rewrites recorded text before it is stored (e.g. replaces secret values with same-shaped placeholders). */
export type Redactor = (text: string, source: string) => string;

function errorOf(error: unknown): { code: string; message: string } {
  if (error instanceof ProbeError) return { code: error.probeCode, message: error.message };
  return { code: 'EIO', message: messageOf(error) };
}

/** A host that records while it answers. */
export class RecordingHost implements Host {
  private readonly answers = new Map<string, FixtureAnswer>();

  constructor(
    private readonly inner: Host,
    private readonly redact: Redactor = (t) => t,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  get kind(): Host['kind'] {
    return this.inner.kind;
  }

  private keep(a: FixtureAnswer): void {
    this.answers.set(answerKey(a), a);
  }

  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const base = { op: 'exec' as const, argv: [...argv], sudo: options.sudo ?? false };
    try {
      const r = await this.inner.exec(argv, options);
      this.keep({
        ...base,
        result: {
          code: r.code,
          stdout: this.redact(r.stdout, argv.join(' ')),
          stderr: this.redact(r.stderr, argv.join(' ')),
          ...(r.truncated ? { truncated: true } : {}),
        },
      });
      return r;
    } catch (error) {
      this.keep({ ...base, error: errorOf(error) });
      throw error;
    }
  }

  private recordContent(path: string, data: Buffer): void {
    const encoded = encodeContent(data);
    const result = 'text' in encoded ? { text: this.redact(encoded.text, path) } : encoded;
    this.keep({ op: 'read', path, result });
  }

  async readFile(path: string, options?: ReadOptions): Promise<Buffer> {
    try {
      const data = await this.inner.readFile(path, options);
      this.recordContent(path, data);
      return data;
    } catch (error) {
      this.keep({ op: 'read', path, error: errorOf(error) });
      throw error;
    }
  }

  async *readStream(path: string, options?: ReadOptions): AsyncIterable<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of this.inner.readStream(path, options)) {
        size += chunk.length;
        if (size <= MAX_RECORDED_STREAM) chunks.push(chunk);
        yield chunk;
      }
    } catch (error) {
      this.keep({ op: 'read', path, error: errorOf(error) });
      throw error;
    }
    if (size > MAX_RECORDED_STREAM) {
      this.keep({ op: 'read', path, error: { code: 'ETOOBIG', message: `${path}: too big to record (${size} bytes)` } });
    } else this.recordContent(path, Buffer.concat(chunks));
  }

  async stat(path: string): Promise<FileStat | null> {
    try {
      const result = await this.inner.stat(path);
      this.keep({ op: 'stat', path, result });
      return result;
    } catch (error) {
      this.keep({ op: 'stat', path, error: errorOf(error) });
      throw error;
    }
  }

  async list(path: string): Promise<DirEntry[]> {
    try {
      const result = await this.inner.list(path);
      this.keep({ op: 'list', path, result });
      return result;
    } catch (error) {
      this.keep({ op: 'list', path, error: errorOf(error) });
      throw error;
    }
  }

  async http(request: HttpRequest): Promise<HttpResponse> {
    const scrub = (body: string) => (request.socketPath ? scrubContainerEnv(request.url, body) : body);
    const req = {
      method: (request.method ?? 'GET').toUpperCase(),
      url: request.url,
      ...(request.socketPath ? { socketPath: request.socketPath } : {}),
    };
    try {
      const r = await this.inner.http(request);
      this.keep({ op: 'http', request: req, result: { status: r.status, headers: {}, body: this.redact(scrub(r.body), request.url) } });
      return r;
    } catch (error) {
      this.keep({ op: 'http', request: req, error: errorOf(error) });
      throw error;
    }
  }

  async tls(request: TlsRequest): Promise<TlsResult> {
    const req = {
      host: request.host,
      port: request.port,
      ...(request.servername ? { servername: request.servername } : {}),
    };
    try {
      const result = await this.inner.tls(request);
      this.keep({ op: 'tls', request: req, result });
      return result;
    } catch (error) {
      this.keep({ op: 'tls', request: req, error: errorOf(error) });
      throw error;
    }
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** The fixture of everything recorded so far. */
  toFixture(capturedAt: Date, version: string, kind: Host['kind'] = this.inner.kind, settings: { docker?: string; sudo?: boolean; collector?: boolean; checks?: string[] } = {}): Fixture {
    const answers = [...this.answers.values()].sort((a, b) => answerKey(a).localeCompare(answerKey(b)));
    return {
      vigil_fixture: FIXTURE_VERSION,
      host: this.inner.name,
      kind,
      captured_at: capturedAt.toISOString(),
      vigil_version: version,
      ...settings,
      answers,
    };
  }
}

/**
 * Docker's container inspect bodies carry each container's environment, where secrets live under any
 * name (DB_PASS, MY_KEY…): a capture keeps the variable names and never the values.
 */
export function scrubContainerEnv(url: string, body: string): string {
  if (!/\/containers\/[^/]+\/json(\?|$)/.test(url)) return body;
  try {
    const data = JSON.parse(body) as { Config?: { Env?: unknown } };
    if (!data.Config || !Array.isArray(data.Config.Env)) return body;
    data.Config.Env = (data.Config.Env as unknown[]).map((e): unknown => (typeof e === "string" ? `${e.split("=")[0]}=<scrubbed>` : e));
    return JSON.stringify(data);
  } catch {
    return body;
  }
}
