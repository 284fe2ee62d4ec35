// The fixture format: every answer a host gave, keyed by the question, so any check can be replayed offline.
import * as v from 'valibot';
import type { ExecResult, FileStat, HttpResponse, TlsResult, DirEntry } from './host';

/** Format version written in `vigil_fixture`. */
export const FIXTURE_VERSION = 1;

const errorSchema = v.object({ code: v.string(), message: v.string() });
const statSchema = v.object({
  type: v.picklist(['file', 'dir', 'symlink', 'other']),
  size: v.number(),
  mode: v.number(),
  uid: v.number(),
  gid: v.number(),
  mtimeMs: v.number(),
});
const execResult = v.object({
  code: v.nullable(v.number()),
  stdout: v.optional(v.string(), ''),
  stdout_lines: v.optional(v.array(v.string())),
  stderr: v.optional(v.string(), ''),
  truncated: v.optional(v.boolean()),
});
const content = v.object({
  text: v.optional(v.string()),
  lines: v.optional(v.array(v.string())),
  base64: v.optional(v.string()),
});
const httpResult = v.object({
  status: v.number(),
  headers: v.optional(v.record(v.string(), v.string()), {}),
  body: v.optional(v.string()),
  json: v.optional(v.unknown()),
});
const tlsResult = v.object({
  chainPem: v.array(v.string()),
  authorizationError: v.nullable(v.string()),
  protocol: v.nullable(v.string()),
});

const answer = v.variant('op', [
  v.object({ op: v.literal('exec'), argv: v.array(v.string()), sudo: v.optional(v.boolean()), result: v.optional(execResult), error: v.optional(errorSchema) }),
  v.object({ op: v.literal('read'), path: v.string(), result: v.optional(content), error: v.optional(errorSchema) }),
  v.object({ op: v.literal('stat'), path: v.string(), result: v.optional(v.nullable(statSchema)), error: v.optional(errorSchema) }),
  v.object({
    op: v.literal('list'),
    path: v.string(),
    result: v.optional(v.array(v.object({ name: v.string(), type: v.picklist(['file', 'dir', 'symlink', 'other']) }))),
    error: v.optional(errorSchema),
  }),
  v.object({
    op: v.literal('http'),
    request: v.object({ method: v.optional(v.string(), 'GET'), url: v.string(), socketPath: v.optional(v.string()) }),
    result: v.optional(httpResult),
    error: v.optional(errorSchema),
  }),
  v.object({
    op: v.literal('tls'),
    request: v.object({ host: v.string(), port: v.number(), servername: v.optional(v.string()) }),
    result: v.optional(tlsResult),
    error: v.optional(errorSchema),
  }),
]);

/** The whole fixture file. */
export const fixtureSchema = v.object({
  vigil_fixture: v.literal(FIXTURE_VERSION),
  host: v.string(),
  kind: v.optional(v.picklist(['local', 'ssh', 'replay']), 'local'),
  captured_at: v.string(),
  vigil_version: v.optional(v.string()),
  description: v.optional(v.string()),
  /** The captured host's settings that shape what checks ask: its Docker socket and whether sudo was allowed. */
  docker: v.optional(v.string()),
  sudo: v.optional(v.boolean()),
  /** Whether the once-per-run checks ran on this host when it was captured (absent in older fixtures). */
  collector: v.optional(v.boolean()),
  /** The host's `checks:` list when it had one: a replay runs those, as the live run did. */
  checks: v.optional(v.array(v.string())),
  answers: v.array(answer),
});

/** A parsed fixture. */
export type Fixture = v.InferOutput<typeof fixtureSchema>;
/** One recorded answer. */
export type FixtureAnswer = Fixture['answers'][number];

/** The lookup key of a question (same question, same key, whatever its answer). */
export function answerKey(a: FixtureAnswer | QuestionKeyInput): string {
  switch (a.op) {
    case 'exec':
      return `exec ${a.sudo ? 'sudo ' : ''}${JSON.stringify(a.argv)}`;
    case 'read':
    case 'stat':
    case 'list':
      return `${a.op} ${a.path}`;
    case 'http':
      return `http ${(a.request.method ?? 'GET').toUpperCase()} ${a.request.socketPath ? `unix:${a.request.socketPath}` : ''} ${a.request.url}`;
    case 'tls':
      return `tls ${a.request.host}:${a.request.port} ${a.request.servername ?? ''}`;
  }
}

/** The question part of an answer, enough to compute its key. */
export type QuestionKeyInput =
  | { op: 'exec'; argv: readonly string[]; sudo?: boolean }
  | { op: 'read' | 'stat' | 'list'; path: string }
  | { op: 'http'; request: { method?: string; url: string; socketPath?: string } }
  | { op: 'tls'; request: { host: string; port: number; servername?: string } };

/** Content of a recorded file answer as bytes. */
export function contentBytes(c: { text?: string; lines?: string[]; base64?: string }): Buffer {
  if (c.base64 !== undefined) return Buffer.from(c.base64, 'base64');
  if (c.lines !== undefined) return Buffer.from(c.lines.map((l) => `${l}\n`).join(''), 'utf8');
  return Buffer.from(c.text ?? '', 'utf8');
}

/** Encode bytes for a fixture: text when it is clean UTF-8, base64 otherwise. */
export function encodeContent(data: Buffer): { text: string } | { base64: string } {
  const text = data.toString('utf8');
  if (Buffer.from(text, 'utf8').equals(data) && !text.includes('\u0000')) return { text };
  return { base64: data.toString('base64') };
}

/** Types re-exported for hosts that build answers. */
export type { ExecResult, FileStat, HttpResponse, TlsResult, DirEntry };
