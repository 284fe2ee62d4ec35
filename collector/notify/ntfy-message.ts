// Build ntfy messages (pure): title, priority from severity, tags, a Markdown body under 4 KiB, a deep link, ≤3 actions.
import type { Severity } from '../../shared/severity';
import type { IncidentChange, IncidentState } from '../engine/incident-state';
import { openNoteUrl as obsidianOpenUrl } from '../../shared/deeplink';

/** A message in ntfy's JSON publishing format. */
export interface NtfyMessage {
  topic: string;
  title: string;
  message: string;
  priority: 1 | 2 | 3 | 4 | 5;
  tags: string[];
  markdown: true;
  click?: string;
  actions?: { action: 'view'; label: string; url: string; clear?: boolean }[];
  /** ntfy ≥ 2.16: a later message with the same id replaces this notification. */
  sequence_id?: string;
}

/** ntfy's limit on a message body before it becomes an attachment (server default message-size-limit). */
export const MAX_BODY_BYTES = 4096;

/** ntfy priorities (1 min … 5 max/urgent) per severity: only critical breaks through do-not-disturb. */
export const PRIORITY: Record<Severity, NtfyMessage['priority']> = { critical: 5, high: 4, medium: 3, low: 2, info: 1, ok: 1 };

/** Tags that ntfy shows as emoji, then plain tags for filtering. */
const SEVERITY_TAG: Record<Severity, string> = {
  critical: 'rotating_light',
  high: 'warning',
  medium: 'large_orange_diamond',
  low: 'small_blue_diamond',
  info: 'information_source',
  ok: 'white_check_mark',
};

/** A sequence id for an incident: stable, and within ntfy's allowed characters. */
export function sequenceIdFor(fingerprint: string): string {
  return `vigil-${fingerprint.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** Cut UTF-8 text to a byte budget without splitting a character. */
export function truncateBytes(text: string, max: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= max) return text;
  let cut = bytes.subarray(0, max - 4).toString('utf8');
  cut = cut.replace(/\uFFFD+$/, '');
  return `${cut} […]`;
}

const HEADLINE: Record<IncidentChange['kind'], string> = {
  opened: 'New',
  escalated: 'Escalated',
  reopened: 'Back again',
  resolved: 'Resolved',
  'acceptance-expired': 'Acceptance expired',
};

/** Links the message can offer. Paths are vault-relative. */
export interface MessageLinks {
  vaultName: string;
  note: string;
  digest?: string;
  runbook?: string;
}

/**
 * A value as literal text in ntfy's Markdown: control characters become spaces and Markdown punctuation is
 * escaped, so a device name such as `[Log in](https://evil)` shows as written, never as a link to tap.
 */
export function ntfyText(value: unknown): string {
  // eslint-disable-next-line no-control-regex -- control characters never belong in a rendered line
  return String(value).replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/[\\`*_[\]()<>#|!~]/g, (c) => `\\${c}`);
}

/** The notification for one incident change. */
export function incidentMessage(topic: string, st: IncidentState, change: IncidentChange, links: MessageLinks, useSequence: boolean): NtfyMessage {
  const resolved = change.kind === 'resolved';
  const click = obsidianOpenUrl(links.vaultName, links.note);
  const lines = [
    `**${HEADLINE[change.kind]}** · ${st.severity} · ${ntfyText(st.host)} · \`${st.check}\``,
    resolved ? `Resolved after being seen in ${st.occurrences} runs.` : `Opened ${st.opened.slice(0, 16).replace('T', ' ')} UTC · seen in ${st.occurrences} run${st.occurrences === 1 ? '' : 's'}`,
  ];
  if (!resolved) {
    const evidence = Object.entries(st.evidence).filter(([, v]) => v !== null && v !== '');
    for (const [k, v] of evidence.slice(0, 12)) lines.push(`- ${ntfyText(k.replace(/_/g, ' '))}: ${ntfyText(v)}`);
    if (st.remediation) lines.push('', `Fix: ${ntfyText(st.remediation)}`);
  }
  const actions: NonNullable<NtfyMessage['actions']> = [{ action: 'view', label: 'Open note', url: click }];
  if (links.digest) actions.push({ action: 'view', label: 'Digest', url: obsidianOpenUrl(links.vaultName, links.digest) });
  if (links.runbook) actions.push({ action: 'view', label: 'Runbook', url: obsidianOpenUrl(links.vaultName, links.runbook) });
  return {
    topic,
    title: truncateBytes(`${resolved ? 'Resolved: ' : ''}${st.title}`, 250),
    message: truncateBytes(lines.join('\n'), MAX_BODY_BYTES - 64),
    priority: resolved ? 2 : PRIORITY[st.severity],
    tags: [resolved ? SEVERITY_TAG.ok : SEVERITY_TAG[st.severity], 'vigil', st.host, st.check].slice(0, 5),
    markdown: true,
    click,
    actions: actions.slice(0, 3),
    ...(useSequence ? { sequence_id: sequenceIdFor(st.fingerprint) } : {}),
  };
}

/** The weekly heartbeat. */
export function weeklyMessage(topic: string, week: string, summary: string, vaultName: string, notePath: string, allGreen: boolean): NtfyMessage {
  const click = obsidianOpenUrl(vaultName, notePath);
  return {
    topic,
    title: allGreen ? `Vigil week ${week}: all green` : `Vigil week ${week}`,
    message: truncateBytes(summary, MAX_BODY_BYTES - 64),
    priority: allGreen ? 1 : 2,
    tags: [allGreen ? 'white_check_mark' : 'calendar', 'vigil'],
    markdown: true,
    click,
    actions: [{ action: 'view', label: 'Open weekly digest', url: click }],
  };
}
