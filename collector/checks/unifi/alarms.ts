// The controller's security alarms and WAN events as findings: a policy table from alarm key to kind and severity.
import type { Evidence, FindingDraft } from '../../../shared/finding';
import { severityRank, SEVERITIES, type Severity } from '../../../shared/severity';
import type { UnifiEntry } from './parse';

/** What an alarm means to Vigil. */
export type AlarmKind = 'ips' | 'scan' | 'flood' | 'rogue-ap' | 'rogue-dhcp' | 'admin-login-failed' | 'wan-failover';

/**
 * Alarm keys → kind, from the controller's event strings (EVT_IPS_IpsAlert: "Threat Management Alert …",
 * EVT_AP_DetectRogueAP, EVT_SW_DetectRogueDHCP, EVT_AD_LoginFailed, EVT_GW_WANTransition). Keys not listed
 * (devices losing contact, upgrades, radar…) are not security findings: offline devices come from stat/device.
 */
const KIND_BY_KEY: Record<string, AlarmKind> = {
  EVT_AP_DetectRogueAP: 'rogue-ap',
  EVT_SW_DetectRogueDHCP: 'rogue-dhcp',
  EVT_AD_LoginFailed: 'admin-login-failed',
  EVT_GW_WANTransition: 'wan-failover',
};

/** Threat alarms (EVT_IPS_*, EVT_IDS_*) are told apart by their Suricata category and signature text. */
function kindOf(e: UnifiEntry): AlarmKind | null {
  if (/^EVT_(IPS|IDS)_/.test(e.key)) {
    const text = `${e.fields.inner_alert_category ?? ''} ${e.fields.inner_alert_signature ?? ''} ${e.fields.catname ?? ''}`;
    if (/\bscan/i.test(text)) return 'scan';
    if (/flood|denial of service|\bd?dos\b/i.test(text)) return 'flood';
    return 'ips';
  }
  return KIND_BY_KEY[e.key] ?? null;
}

function lower(s: Severity): Severity {
  return SEVERITIES[Math.max(severityRank('low'), severityRank(s) - 1)]!;
}

/**
 * Threat severity from Suricata's priority (UniFi's IPS is Suricata; `inner_alert_severity` is the rule's
 * priority, 1 = most severe, per Suricata's classification.config): 1 → high, 2 → medium, 3+ → low, absent →
 * medium. An alert the gateway blocked (IPS mode) is one step lower than one it only detected (IDS mode).
 */
export function threatSeverity(e: UnifiEntry): Severity {
  const p = e.fields.inner_alert_severity;
  const base: Severity = p === 1 ? 'high' : p === 2 ? 'medium' : typeof p === 'number' && p >= 3 ? 'low' : 'medium';
  return blocked(e) ? lower(base) : base;
}

function blocked(e: UnifiEntry): boolean {
  return /^(blocked|drop|dropped|reject)/i.test(String(e.fields.inner_alert_action ?? ''));
}

function str(e: UnifiEntry, field: string): string | null {
  const v = e.fields[field];
  return v === undefined || typeof v === 'boolean' ? null : String(v);
}

/** Which alarms are one finding: the same signature from the same source, the same rogue, the same gateway… */
function groupKey(kind: AlarmKind, e: UnifiEntry): string {
  const sig = str(e, 'inner_alert_signature_id') ?? str(e, 'inner_alert_signature') ?? 'unknown';
  switch (kind) {
    case 'ips':
      return `${sig}:${str(e, 'src_ip') ?? '?'}`;
    case 'scan':
    case 'flood':
      // Scans and floods come from ever-changing sources: one finding per signature and target.
      return `${sig}:${str(e, 'dest_ip') ?? '?'}`;
    case 'rogue-ap':
      return str(e, 'bssid') ?? str(e, 'mac') ?? str(e, 'essid') ?? '?';
    case 'rogue-dhcp':
      return str(e, 'mac') ?? str(e, 'ip') ?? '?';
    case 'admin-login-failed':
      return str(e, 'ip') ?? str(e, 'admin') ?? '?';
    case 'wan-failover':
      return str(e, 'gw') ?? '?';
  }
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

function describe(kind: AlarmKind, e: UnifiEntry, count: number, ourSsids: ReadonlySet<string>, windowHours: number): { severity: Severity; title: string } {
  const src = str(e, 'src_ip') ?? 'an unknown source';
  const dst = str(e, 'dest_ip') ?? 'an unknown target';
  const verdict = blocked(e) ? 'blocked' : 'not blocked';
  switch (kind) {
    case 'ips':
      return { severity: threatSeverity(e), title: `UniFi threat alert (${str(e, 'inner_alert_category') ?? 'intrusion'}) from ${src} to ${dst}, ${verdict}` };
    case 'scan':
      return { severity: threatSeverity(e), title: `Port scan against ${dst} detected by the UniFi gateway, ${verdict}` };
    case 'flood':
      return { severity: threatSeverity(e), title: `Flood against ${dst} detected by the UniFi gateway, ${verdict}` };
    case 'rogue-ap': {
      // A stranger broadcasting one of our own network names is an evil twin, not a neighbour: high.
      const essid = str(e, 'essid');
      const twin = essid !== null && ourSsids.has(essid);
      return {
        severity: twin ? 'high' : 'medium',
        title: twin ? `Rogue access point imitates the network "${essid}"` : `Rogue access point${essid ? ` "${essid}"` : ''} seen by the UniFi access points`,
      };
    }
    case 'rogue-dhcp':
      // A rogue DHCP server hands clients its own gateway and DNS: interception of everything. High.
      return {
        severity: 'high',
        title: `Rogue DHCP server ${[str(e, 'ip'), str(e, 'mac') ? `(${str(e, 'mac')})` : null].filter(Boolean).join(' ') || 'found'} on switch ${str(e, 'sw_name') ?? str(e, 'sw') ?? 'unknown'}`,
      };
    case 'admin-login-failed':
      // Someone is failing to log in to the network's controller: worth a look, not proof of an attack. Medium.
      return { severity: 'medium', title: `Failed logins to the UniFi controller ${times(count)}${str(e, 'ip') ? ` from ${str(e, 'ip')}` : ''}` };
    case 'wan-failover':
      // The primary internet link dropped: remote access and off-site backups depend on it. Medium.
      return { severity: 'medium', title: `WAN failover on ${str(e, 'gw_name') ?? str(e, 'gw') ?? 'the gateway'}: ${times(count)} in the last ${windowHours} hours` };
  }
}

/** Findings from unarchived alarms and from recent WAN events (pure). `ourSsids` are the networks our clients use. */
export function analyzeAlarms(alarms: readonly UnifiEntry[], events: readonly UnifiEntry[] | null, ourSsids: ReadonlySet<string>, now: Date, windowMs: number): FindingDraft[] {
  const since = now.getTime() - windowMs;
  const seen = new Set<string>();
  const groups = new Map<string, { kind: AlarmKind; entries: UnifiEntry[] }>();
  const add = (e: UnifiEntry) => {
    const kind = kindOf(e);
    if (!kind || seen.has(e.id)) return;
    seen.add(e.id);
    const key = `${kind}:${groupKey(kind, e)}`;
    groups.set(key, { kind, entries: [...(groups.get(key)?.entries ?? []), e] });
  };
  // An alarm stays until someone archives it in the controller (its way of acknowledging); WAN events count in the window.
  for (const a of alarms) if (!a.archived && (kindOf(a) !== 'wan-failover' || (a.time ?? 0) >= since)) add(a);
  for (const e of events ?? []) if (kindOf(e) === 'wan-failover' && (e.time ?? 0) >= since) add(e);

  const out: FindingDraft[] = [];
  for (const [key, { kind, entries }] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...entries].sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
    const last = sorted[sorted.length - 1]!;
    const { severity, title } = describe(kind, last, entries.length, ourSsids, Math.round(windowMs / 3_600_000));
    const evidence: Evidence = { kind, key: last.key, count: entries.length, first_seen: iso(sorted[0]!.time), last_seen: iso(last.time) };
    for (const [field, value] of Object.entries(last.fields)) evidence[field] = value;
    out.push({
      subject: `alarm:${key}`,
      severity,
      title,
      evidence,
      remediation:
        kind === 'wan-failover'
          ? 'Check the primary WAN link (modem, ISP status); archive the alarm in the controller once understood.'
          : 'Look at the alarm in the UniFi Network app, deal with its cause, then archive it there.',
    });
  }
  return out;
}
