// The narrator (Ollama), strictly downstream: compact facts in, a short plain-text summary out, or nothing.
import { Ollama } from 'ollama';
import fetch from 'node-fetch';
import type { Finding } from '../../shared/finding';
import { countBySeverity } from '../../shared/severity';
import { messageOf } from '../errors/vigil-error';

/** What the model is allowed to see: ids, titles, severities, evidence keys and counts. Never values or raw data. */
export interface NarratorFacts {
  counts: Record<string, number>;
  hosts: string[];
  new: number;
  fixed: number;
  findings: { id: string | null; check: string; host: string; severity: string; title: string | null; rule?: string; evidence_keys: string[] }[];
}

/** Settings of the narrator. */
export interface NarratorSettings {
  host: string;
  model: string;
  timeoutMs: number;
}

/** Longest narrative accepted (characters); anything longer is not a summary. */
export const MAX_NARRATIVE = 1200;
const MAX_FACTS = 40;

/** Findings whose titles or ids could carry sensitive paths: only the rule id may reach the model. */
const RULE_ONLY_CHECKS = new Set(['secrets-hygiene']);

/** Reduce findings to the facts the model may see. */
export function narratorFacts(findings: readonly Finding[], hosts: readonly string[], diff: { new: number; fixed: number }): NarratorFacts {
  const problems = findings.filter((f) => f.severity !== 'ok');
  return {
    counts: countBySeverity(problems.map((f) => f.severity)),
    hosts: [...hosts],
    new: diff.new,
    fixed: diff.fixed,
    findings: problems.slice(0, MAX_FACTS).map((f) =>
      RULE_ONLY_CHECKS.has(f.check)
        ? { id: null, check: f.check, host: f.host, severity: f.severity, title: null, rule: typeof f.evidence.rule === 'string' ? f.evidence.rule : 'secret', evidence_keys: [] }
        : { id: f.id, check: f.check, host: f.host, severity: f.severity, title: f.title, evidence_keys: Object.keys(f.evidence) },
    ),
  };
}

/** The prompt: instructions plus the facts as JSON. */
export function narratorPrompt(facts: NarratorFacts): { system: string; user: string } {
  return {
    system:
      'You summarise a homelab security and backup audit for its owner, who reads it on a phone. ' +
      'Use only the facts given; do not invent hosts, numbers or causes. Plain text only: 3 to 5 short sentences, ' +
      'no headings, no lists, no Markdown, no code. Say what matters most first.',
    user: `Facts of today's run as JSON:\n${JSON.stringify(facts)}`,
  };
}

/** Why a reply was refused, or null when it is usable. */
export function rejectNarrative(reply: string): string | null {
  const text = reply.trim();
  if (text === '') return 'the reply was empty';
  if (text.length > MAX_NARRATIVE) return `the reply was longer than ${MAX_NARRATIVE} characters`;
  // eslint-disable-next-line no-control-regex -- control characters are what we refuse
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return 'the reply contained control characters';
  if (/^\s*(---|\.\.\.)\s*$/m.test(text)) return 'the reply contained a frontmatter fence';
  if (text.includes('%%')) return 'the reply contained a comment marker';
  if (/```|<\/?[a-z][^>]*>/i.test(text)) return 'the reply was not plain text';
  if (!/[a-z]{3,}/i.test(text)) return 'the reply had no words';
  return null;
}

/** Ask the model. Resolves to the narrative or to the reason there is none; never throws. */
export async function narrate(facts: NarratorFacts, settings: NarratorSettings): Promise<{ text: string } | { skipped: string }> {
  // ollama-js only aborts streamed requests, so every request carries our own signal.
  const controller = new AbortController();
  const boundFetch = ((url: string, init?: Record<string, unknown>) =>
    fetch(url, { ...(init ?? {}), signal: controller.signal })) as unknown as typeof globalThis.fetch;
  const client = new Ollama({ host: settings.host, fetch: boundFetch });
  const prompt = narratorPrompt(facts);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, settings.timeoutMs);
  try {
    const response = await client.chat({
      model: settings.model,
      stream: false,
      options: { temperature: 0.2, num_predict: 400 },
      messages: [
        { role: 'system', content: prompt.system },
        { role: 'user', content: prompt.user },
      ],
    });
    const reply = typeof response.message?.content === 'string' ? response.message.content : '';
    const refused = rejectNarrative(reply);
    return refused ? { skipped: `narrator reply unusable: ${refused}` } : { text: reply.trim() };
  } catch (error) {
    return { skipped: timedOut ? `narrator did not answer within ${settings.timeoutMs} ms` : `narrator unavailable: ${messageOf(error)}` };
  } finally {
    clearTimeout(timer);
  }
}
