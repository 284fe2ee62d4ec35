// The one notification channel: which incident changes are sent, retries of earlier failures, the weekly heartbeat.
import { atLeast } from '../../shared/severity';
import type { NtfySettings } from '../config/types';
import type { IncidentChange, IncidentState } from '../engine/incident-state';
import { incidentMessage, type NtfyMessage } from './ntfy-message';
import { sendNtfy, serverRoot, type SendOptions } from './ntfy-send';

/** A message that could not be delivered yet; retried by later runs for a week. */
export interface OutboxEntry {
  message: NtfyMessage;
  first_tried: string;
  attempts: number;
  last_error: string;
}

/** What the run report says about each notification. */
export interface NotificationRecord {
  kind: IncidentChange['kind'] | 'weekly' | 'retry';
  fingerprint: string | null;
  title: string;
  status: 'sent' | 'failed' | 'queued' | 'dropped';
  attempts: number;
  http_status?: number;
  error?: string;
}

/** Outbox entries older than this are given up (and said so in the report). */
const OUTBOX_MAX_AGE_MS = 7 * 86_400_000;

/** Inputs of one notification round. */
export interface NotifyInput {
  settings: NtfySettings;
  changes: readonly IncidentChange[];
  incidents: Readonly<Record<string, IncidentState>>;
  vaultName: string;
  /** Vault-relative paths: incident notes by fingerprint, the digest, runbooks by host or service. */
  notePath: (fingerprint: string) => string;
  digestPath: string;
  /** The runbook of the service an incident is about, if any (the message's third action). */
  runbookPath?: (fingerprint: string) => string | null;
  weekly: NtfyMessage | null;
  outbox: readonly OutboxEntry[];
  env: NodeJS.ProcessEnv;
  now: Date;
  send?: SendOptions;
}

/** Whether a change deserves a push: new, escalated, reopened or expired at/above min_severity; resolutions update in place. */
export function shouldNotify(change: IncidentChange, st: IncidentState, settings: NtfySettings): boolean {
  if (!change.notify || !atLeast(st.severity, settings.minSeverity)) return false;
  if (change.kind === 'resolved') return settings.updateOnResolve;
  return true;
}

function runbookLink(input: NotifyInput, fingerprint: string): { runbook?: string } {
  const runbook = input.runbookPath?.(fingerprint) ?? null;
  return runbook ? { runbook } : {};
}

/** Send everything due; failures that may succeed later go to the outbox. Never throws. */
export async function notifyRun(input: NotifyInput): Promise<{ records: NotificationRecord[]; outbox: OutboxEntry[] }> {
  const records: NotificationRecord[] = [];
  const outbox: OutboxEntry[] = [];
  const { topic } = serverRoot(input.settings.url);
  // Once a message has failed in a way a later run may fix (server down, 5xx, 429, token unset), the rest of this
  // run's messages are queued untried: each would wait out its own retries, and a first run with sixty incidents
  // would hold the run for half an hour. The run's time on ntfy is one message's budget at most.
  let down: string | null = null;
  const deliver = async (kind: NotificationRecord['kind'], fingerprint: string | null, message: NtfyMessage, prior?: OutboxEntry) => {
    const outcome = down === null ? await sendNtfy(input.settings, message, input.env, input.send) : { status: 'failed' as const, attempts: 0, error: `not tried: ${down}`, retryable: true };
    if (outcome.status === 'failed' && outcome.retryable && down === null) down = outcome.error ?? 'ntfy failed earlier in this run';
    const base = { kind, fingerprint, title: message.title, attempts: outcome.attempts + (prior?.attempts ?? 0) };
    if (outcome.status === 'sent') {
      records.push({ ...base, status: 'sent', ...(outcome.httpStatus ? { http_status: outcome.httpStatus } : {}) });
      return;
    }
    const entry: OutboxEntry = {
      message,
      first_tried: prior?.first_tried ?? input.now.toISOString(),
      attempts: base.attempts,
      last_error: outcome.error ?? 'failed',
    };
    const tooOld = input.now.getTime() - Date.parse(entry.first_tried) > OUTBOX_MAX_AGE_MS;
    const status = outcome.retryable && !tooOld ? 'queued' : outcome.retryable ? 'dropped' : 'failed';
    if (status === 'queued') outbox.push(entry);
    records.push({ ...base, status, ...(outcome.httpStatus ? { http_status: outcome.httpStatus } : {}), ...(outcome.error ? { error: outcome.error } : {}) });
  };

  for (const entry of input.outbox) await deliver('retry', null, entry.message, entry);
  for (const change of input.changes) {
    const st = input.incidents[change.fingerprint];
    if (!st || !shouldNotify(change, st, input.settings)) continue;
    const message = incidentMessage(
      topic,
      st,
      change,
      { vaultName: input.vaultName, note: input.notePath(change.fingerprint), digest: input.digestPath, ...runbookLink(input, change.fingerprint) },
      input.settings.updateOnResolve,
    );
    await deliver(change.kind, change.fingerprint, message);
  }
  if (input.weekly) await deliver('weekly', null, input.weekly);
  return { records, outbox };
}
