// Parse UniFi controller answers ({"meta":{"rc":"ok"},"data":[…]}) into clients, devices, alarms and events.
import { ParseError } from '../../errors/parse-error';

/** A client the controller currently sees (stat/sta). */
export interface UnifiClient {
  mac: string;
  name: string | null;
  hostname: string | null;
  oui: string | null;
  ip: string | null;
  network: string | null;
  essid: string | null;
  wired: boolean;
  guest: boolean;
  blocked: boolean;
  /** Seconds since the epoch, as the controller reports them. */
  firstSeen: number | null;
  lastSeen: number | null;
}

/** An adopted device: gateway, switch, access point (stat/device). */
export interface UnifiDevice {
  mac: string;
  name: string | null;
  model: string | null;
  type: string | null;
  /** 1 = connected; see the state table in analyze.ts. */
  state: number;
  ip: string | null;
  lastSeen: number | null;
}

/** An alarm (list/alarm) or event (stat/event): a key, a time, and the flat fields the analyzer reads. */
export interface UnifiEntry {
  id: string;
  key: string;
  /** Milliseconds since the epoch. */
  time: number | null;
  archived: boolean;
  fields: Record<string, string | number | boolean>;
}

const MAC = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/;
const MAX_TEXT = 200;

/** Alarm and event fields the analyzer may read; anything else is dropped at the edge. */
const ENTRY_FIELDS = [
  'inner_alert_signature', 'inner_alert_signature_id', 'inner_alert_category', 'inner_alert_severity', 'inner_alert_action',
  'catname', 'src_ip', 'src_port', 'dest_ip', 'dest_port', 'proto', 'src_mac', 'essid', 'bssid', 'mac', 'ap', 'ap_name',
  'sw', 'sw_name', 'gw', 'gw_name', 'iface', 'state', 'ip', 'port', 'vlan', 'admin', 'subsystem',
] as const;

/** A MAC address in the controller's lower-case colon form, or null. */
export function normaliseMac(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const mac = value.trim().toLowerCase().replace(/-/g, ':');
  return MAC.test(mac) ? mac : null;
}

/** Text from the controller (often chosen by whoever owns a device) made safe: printable, one line, bounded. */
export function safeText(value: unknown, max = MAX_TEXT): string | null {
  if (typeof value !== 'string') return null;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we remove
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!clean) return null;
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The `data` array of a controller answer; an error envelope or anything else is a ParseError naming the source. */
export function parseEnvelope(text: string, source: string): unknown[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ParseError(source, 'not JSON');
  }
  if (!isRecord(json) || !isRecord(json.meta)) throw new ParseError(source, 'not a controller answer (no meta)');
  if (json.meta.rc !== 'ok') {
    const msg = typeof json.meta.msg === 'string' && /^api\.err\.[A-Za-z]{1,40}$/.test(json.meta.msg) ? ` (${json.meta.msg})` : '';
    throw new ParseError(source, `the controller answered an error${msg}`);
  }
  if (!Array.isArray(json.data)) throw new ParseError(source, 'not a controller answer (no data list)');
  return json.data;
}

/** stat/sta → clients. A row without a valid MAC address is a ParseError: nothing else identifies a client. */
export function parseClients(text: string, source = 'stat/sta'): UnifiClient[] {
  return parseEnvelope(text, source).map((row, i) => {
    const mac = isRecord(row) ? normaliseMac(row.mac) : null;
    if (!isRecord(row) || !mac) throw new ParseError(source, `client ${i + 1} has no valid MAC address`);
    return {
      mac,
      name: safeText(row.name, 80),
      hostname: safeText(row.hostname, 80),
      oui: safeText(row.oui, 80),
      ip: safeText(row.ip, 45),
      network: safeText(row.network, 80),
      essid: safeText(row.essid, 64),
      wired: row.is_wired === true,
      guest: row.is_guest === true,
      blocked: row.blocked === true,
      firstSeen: num(row.first_seen),
      lastSeen: num(row.last_seen),
    };
  });
}

/** stat/device → devices. */
export function parseDevices(text: string, source = 'stat/device'): UnifiDevice[] {
  return parseEnvelope(text, source).map((row, i) => {
    const mac = isRecord(row) ? normaliseMac(row.mac) : null;
    if (!isRecord(row) || !mac) throw new ParseError(source, `device ${i + 1} has no valid MAC address`);
    const state = num(row.state);
    if (state === null) throw new ParseError(source, `device ${i + 1} has no numeric state`);
    return {
      mac,
      name: safeText(row.name, 80),
      model: safeText(row.model, 40),
      type: safeText(row.type, 16),
      state,
      ip: safeText(row.ip, 45),
      lastSeen: num(row.last_seen),
    };
  });
}

/** list/alarm or stat/event → entries (rows without a key are skipped: nothing could be said about them). */
export function parseEntries(text: string, source: string): UnifiEntry[] {
  const out: UnifiEntry[] = [];
  parseEnvelope(text, source).forEach((row, i) => {
    if (!isRecord(row)) throw new ParseError(source, `entry ${i + 1} is not an object`);
    const key = typeof row.key === 'string' && /^[A-Za-z0-9_]{1,64}$/.test(row.key) ? row.key : null;
    if (!key) return;
    const fields: UnifiEntry['fields'] = {};
    for (const f of ENTRY_FIELDS) {
      const value = row[f];
      if (typeof value === 'number' && Number.isFinite(value)) fields[f] = value;
      else if (typeof value === 'boolean') fields[f] = value;
      else {
        const text = safeText(value);
        if (text !== null) fields[f] = text;
      }
    }
    const datetime = typeof row.datetime === 'string' ? Date.parse(row.datetime) : NaN;
    out.push({
      id: safeText(row._id, 64) ?? `${source}#${i}`,
      key,
      time: num(row.time) ?? (Number.isFinite(datetime) ? datetime : null),
      archived: row.archived === true,
      fields,
    });
  });
  return out;
}

/** A CA bundle for a self-signed controller must hold at least one PEM certificate. */
export function checkCaBundle(text: string, path: string): string {
  if (!/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(text)) throw new ParseError(path, 'contains no PEM certificate');
  return text;
}
