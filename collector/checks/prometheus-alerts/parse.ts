// Parse Prometheus HTTP API answers (/api/v1/alerts, /targets, /rules) into typed alerts, targets and rules.
import * as v from 'valibot';
import { ParseError } from '../../errors/parse-error';

/** One active alert (firing, or pending its `for:` duration). */
export interface PromAlert {
  name: string;
  state: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  activeAt: string | null;
  value: string | null;
}

/** One active scrape target. */
export interface PromTarget {
  job: string;
  instance: string;
  scrapePool: string;
  scrapeUrl: string;
  /** `up`, `down` or `unknown` (not scraped yet). */
  health: string;
  lastError: string;
  lastScrape: string | null;
}

/** One alerting or recording rule with its evaluation health. */
export interface PromRule {
  group: string;
  file: string;
  name: string;
  type: string;
  /** `ok`, `err` or `unknown` (not evaluated yet). */
  health: string;
  lastError: string;
  lastEvaluation: string | null;
}

const labels = v.record(v.string(), v.string());
const alertSchema = v.object({
  labels,
  annotations: v.optional(labels, {}),
  state: v.string(),
  activeAt: v.optional(v.nullable(v.string()), null),
  value: v.optional(v.nullable(v.string()), null),
});
const targetSchema = v.object({
  labels,
  scrapePool: v.optional(v.string(), ''),
  scrapeUrl: v.string(),
  lastError: v.optional(v.string(), ''),
  lastScrape: v.optional(v.nullable(v.string()), null),
  health: v.string(),
});
const ruleSchema = v.object({
  name: v.string(),
  type: v.string(),
  health: v.string(),
  lastError: v.optional(v.string(), ''),
  lastEvaluation: v.optional(v.nullable(v.string()), null),
});
const groupSchema = v.object({ name: v.string(), file: v.optional(v.string(), ''), rules: v.array(ruleSchema) });

const alertsAnswer = v.object({ status: v.literal('success'), data: v.object({ alerts: v.array(alertSchema) }) });
const targetsAnswer = v.object({ status: v.literal('success'), data: v.object({ activeTargets: v.array(targetSchema) }) });
const rulesAnswer = v.object({ status: v.literal('success'), data: v.object({ groups: v.array(groupSchema) }) });

/** Keys the schemas above define; any other key in a path came from the input (a label name) and prints as `*`. */
const SCHEMA_KEYS = new Set([
  'status', 'data', 'alerts', 'labels', 'annotations', 'state', 'activeAt', 'value', 'activeTargets', 'scrapePool',
  'scrapeUrl', 'lastError', 'lastScrape', 'health', 'groups', 'name', 'file', 'rules', 'type', 'lastEvaluation',
]);

/** A path into the answer that names only schema keys and indexes, so a message never quotes the input. */
function safePath(issue: v.BaseIssue<unknown>): string {
  const parts = (issue.path ?? []).map((p) => (typeof p.key === 'number' ? String(p.key) : typeof p.key === 'string' && SCHEMA_KEYS.has(p.key) ? p.key : '*'));
  return parts.length ? parts.join('.') : '(top)';
}

function decode<T extends v.GenericSchema>(schema: T, text: string, source: string): v.InferOutput<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ParseError(source, 'not JSON');
  }
  if (json !== null && typeof json === 'object' && (json as { status?: unknown }).status === 'error') {
    const type = (json as { errorType?: unknown }).errorType;
    throw new ParseError(source, `Prometheus answered an error${typeof type === 'string' && /^[a-z_]{1,32}$/.test(type) ? ` (${type})` : ''}`);
  }
  const result = v.safeParse(schema, json);
  if (!result.success) {
    const issue = result.issues[0];
    throw new ParseError(source, `unexpected answer at ${safePath(issue)}: expected ${issue.expected ?? 'another value'}`);
  }
  return result.output;
}

/** `GET /api/v1/alerts`. */
export function parseAlerts(text: string, source = '/api/v1/alerts'): PromAlert[] {
  return decode(alertsAnswer, text, source).data.alerts.map((a, i) => {
    const name = a.labels.alertname;
    if (!name) throw new ParseError(source, `alert ${i + 1} has no alertname label`);
    return { name, state: a.state, labels: a.labels, annotations: a.annotations, activeAt: a.activeAt, value: a.value };
  });
}

/** `GET /api/v1/targets?state=active`. */
export function parseTargets(text: string, source = '/api/v1/targets'): PromTarget[] {
  return decode(targetsAnswer, text, source).data.activeTargets.map((t) => ({
    job: t.labels.job ?? t.scrapePool,
    instance: t.labels.instance ?? '',
    scrapePool: t.scrapePool,
    scrapeUrl: t.scrapeUrl,
    health: t.health,
    lastError: t.lastError,
    lastScrape: t.lastScrape,
  }));
}

/** `GET /api/v1/rules`, flattened to one entry per rule. */
export function parseRules(text: string, source = '/api/v1/rules'): PromRule[] {
  return decode(rulesAnswer, text, source).data.groups.flatMap((g) =>
    g.rules.map((r) => ({ group: g.name, file: g.file, name: r.name, type: r.type, health: r.health, lastError: r.lastError, lastEvaluation: r.lastEvaluation })),
  );
}
