// Publish to ntfy with bounded retries: network errors and 5xx back off, 429 honours Retry-After, 4xx is final.
import fetch from 'node-fetch';
import type { NtfySettings } from '../config/types';
import { messageOf } from '../errors/vigil-error';
import type { NtfyMessage } from './ntfy-message';

/** What happened to one message. */
export interface SendOutcome {
  status: 'sent' | 'failed';
  attempts: number;
  httpStatus?: number;
  error?: string;
  /** Whether a retry later could help (network, 429, 5xx) or not (401, 403, 400…). */
  retryable?: boolean;
}

/** Knobs for tests: a fake clock for waiting, and the total time budget. */
export interface SendOptions {
  sleep?: (ms: number) => Promise<void>;
  /** Total time spent on one message, waits included (default 30 s): a run never hangs on ntfy. */
  budgetMs?: number;
  maxAttempts?: number;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Server root for JSON publishing (the topic travels in the body). */
export function serverRoot(topicUrl: string): { root: string; topic: string } {
  const u = new URL(topicUrl);
  const topic = u.pathname.replace(/^\/+|\/+$/g, '');
  return { root: `${u.origin}/`, topic };
}

/** Seconds of a Retry-After header (delta-seconds or an HTTP date). */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

/** Publish one message. Never throws: failures come back as an outcome for the run report. */
export async function sendNtfy(settings: NtfySettings, message: NtfyMessage, env: NodeJS.ProcessEnv, options: SendOptions = {}): Promise<SendOutcome> {
  const sleep = options.sleep ?? realSleep;
  const budget = options.budgetMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 4;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (settings.tokenEnv) {
    const token = env[settings.tokenEnv];
    if (!token) return { status: 'failed', attempts: 0, error: `${settings.tokenEnv} is not set`, retryable: true };
    headers.authorization = `Bearer ${token}`;
  }
  const { root } = serverRoot(settings.url);
  let spent = 0;
  let attempts = 0;
  let last: SendOutcome = { status: 'failed', attempts: 0, error: 'not sent', retryable: true };
  for (let backoff = 1000; attempts < maxAttempts; backoff *= 2) {
    attempts++;
    const started = Date.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.min(settings.timeoutMs, Math.max(1000, budget - spent)));
    let wait = backoff;
    try {
      const res = await fetch(root, { method: 'POST', headers, body: JSON.stringify(message), signal: controller.signal });
      await res.text();
      if (res.ok) return { status: 'sent', attempts, httpStatus: res.status };
      const retryable = res.status === 429 || res.status >= 500;
      // The token is never part of the error: only the status is kept.
      last = { status: 'failed', attempts, httpStatus: res.status, error: `ntfy answered HTTP ${res.status}`, retryable };
      if (!retryable) return last;
      if (res.status === 429) wait = retryAfterMs(res.headers.get('retry-after')) ?? backoff;
    } catch (error) {
      const aborted = controller.signal.aborted;
      last = { status: 'failed', attempts, error: aborted ? `no answer within ${settings.timeoutMs} ms` : `cannot reach ntfy: ${messageOf(error)}`, retryable: true };
    } finally {
      clearTimeout(timer);
    }
    spent += Date.now() - started;
    if (attempts >= maxAttempts || spent + wait > budget) break;
    await sleep(wait);
    spent += wait;
  }
  return last;
}
