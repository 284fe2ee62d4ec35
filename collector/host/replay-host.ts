// ReplayHost: answers every question from a recorded fixture, so checks run offline and deterministically.
import { readFile } from 'node:fs/promises';
import * as v from 'valibot';
import { ProbeError, type ProbeErrorCode } from '../errors/probe-error';
import { ParseError } from '../errors/parse-error';
import { messageOf } from '../errors/vigil-error';
import { answerKey, contentBytes, fixtureSchema, type Fixture, type FixtureAnswer, type QuestionKeyInput } from './fixture';
import {
  DEFAULT_MAX_READ_BYTES,
  type DirEntry,
  type ExecOptions,
  type ExecResult,
  type FileStat,
  type Host,
  type HttpRequest,
  type HttpResponse,
  type ReadOptions,
  type TlsRequest,
  type TlsResult,
} from './host';

/** How to treat a question the fixture has no answer for. */
export type ReplayMode =
  /** Answer like a machine that lacks the thing: ENOENT, exit 127, connection refused. */
  | 'lenient'
  /** Fail with ENOTRECORDED, so a test notices a probe that changed. */
  | 'strict';

/** Read and validate a fixture file; problems name the file. */
export async function loadFixture(path: string): Promise<Fixture> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ParseError(path, `not a readable JSON fixture (${messageOf(error)})`);
  }
  return parseFixture(raw, path);
}

/** Validate fixture data already in memory. */
export function parseFixture(raw: unknown, source: string): Fixture {
  const result = v.safeParse(fixtureSchema, raw);
  if (!result.success) {
    const issue = result.issues[0];
    throw new ParseError(source, `not a Vigil fixture: ${v.getDotPath(issue) ?? '(top)'}: ${issue.message}`);
  }
  return result.output;
}

/** A host whose every answer comes from a fixture. */
export class ReplayHost implements Host {
  readonly kind = 'replay' as const;
  private readonly answers = new Map<string, FixtureAnswer>();
  /** Questions asked that the fixture could not answer (for `vigil replay --strict` and tests). */
  readonly misses: string[] = [];

  constructor(
    readonly fixture: Fixture,
    readonly name: string = fixture.host,
    private readonly mode: ReplayMode = 'lenient',
  ) {
    for (const a of fixture.answers) this.answers.set(answerKey(a), a);
  }

  /** The moment the fixture was captured: replayed checks judge ages against it. */
  get capturedAt(): Date {
    return new Date(this.fixture.captured_at);
  }

  private find(q: QuestionKeyInput): FixtureAnswer | undefined {
    const key = answerKey(q);
    const found = this.answers.get(key);
    if (!found) {
      this.misses.push(key);
      if (this.mode === 'strict') throw new ProbeError('ENOTRECORDED', `fixture ${this.fixture.host} has no answer for ${key}`);
    }
    return found;
  }

  private fail(a: { error?: { code: string; message: string } }): never {
    const code = a.error?.code ?? 'EIO';
    throw new ProbeError(code as ProbeErrorCode, a.error?.message ?? code);
  }

  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const a = this.find({ op: 'exec', argv, sudo: options.sudo ?? false });
    if (!a) return { code: 127, stdout: '', stderr: `${argv[0] ?? ''}: command not found\n` };
    if (a.op !== 'exec') throw new Error('unreachable');
    if (!a.result) this.fail(a);
    const stdout = a.result.stdout_lines ? a.result.stdout_lines.map((l) => `${l}\n`).join('') : a.result.stdout;
    return { code: a.result.code, stdout, stderr: a.result.stderr, ...(a.result.truncated ? { truncated: true } : {}) };
  }

  async readFile(path: string, options: ReadOptions = {}): Promise<Buffer> {
    const a = this.find({ op: 'read', path });
    if (!a) throw new ProbeError('ENOENT', `${path}: no such file or directory`);
    if (a.op !== 'read') throw new Error('unreachable');
    if (!a.result) this.fail(a);
    const data = contentBytes(a.result);
    const max = options.maxBytes ?? DEFAULT_MAX_READ_BYTES;
    if (data.length > max) throw new ProbeError('ETOOBIG', `${path}: ${data.length} bytes is over the ${max}-byte cap`);
    return data;
  }

  async *readStream(path: string, options: ReadOptions = {}): AsyncIterable<Buffer> {
    const data = await this.readFile(path, { maxBytes: options.maxBytes ?? Number.MAX_SAFE_INTEGER });
    for (let i = 0; i < data.length; i += 65536) yield data.subarray(i, i + 65536);
  }

  async stat(path: string): Promise<FileStat | null> {
    const a = this.find({ op: 'stat', path });
    if (!a) return null;
    if (a.op !== 'stat') throw new Error('unreachable');
    if (a.error) this.fail(a);
    return a.result ?? null;
  }

  async list(path: string): Promise<DirEntry[]> {
    const a = this.find({ op: 'list', path });
    if (!a) throw new ProbeError('ENOENT', `${path}: no such file or directory`);
    if (a.op !== 'list') throw new Error('unreachable');
    if (!a.result) this.fail(a);
    return a.result;
  }

  async http(request: HttpRequest): Promise<HttpResponse> {
    const a = this.find({ op: 'http', request });
    const where = request.socketPath ? `unix:${request.socketPath}` : request.url;
    if (!a) throw new ProbeError('ECONNREFUSED', `${where}: connection refused`);
    if (a.op !== 'http') throw new Error('unreachable');
    if (!a.result) this.fail(a);
    const body = a.result.body ?? (a.result.json === undefined ? '' : JSON.stringify(a.result.json));
    return { status: a.result.status, headers: a.result.headers, body };
  }

  async tls(request: TlsRequest): Promise<TlsResult> {
    const a = this.find({ op: 'tls', request });
    if (!a) throw new ProbeError('ECONNREFUSED', `${request.host}:${request.port}: connection refused`);
    if (a.op !== 'tls') throw new Error('unreachable');
    if (!a.result) this.fail(a);
    return a.result;
  }

  async close(): Promise<void> {}
}
