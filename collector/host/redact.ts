// Redaction for captured fixtures: secret values are replaced before anything is stored.
// It runs the secrets-hygiene rules, so what the scan would report is what a capture hides, and it
// writes same-shape placeholders (same length, same kinds of characters, prefixes kept) so replaying
// the capture finds the same path, line and rule. Plaintext password exports lose all their rows.
import { csvColumns, isPlainBitwardenJson, passwordExportFormat } from '../checks/secrets-hygiene/exports';
import { SecretScanner, type SecretSpan } from '../checks/secrets-hygiene/scan';
import { hashName, isShowableUser } from '../checks/ssh-auth/users';

/**
 * Safety net under the rules: any assignment to a secret-looking key is masked even when the scan
 * would not report it (low entropy, short). Masked with `x`, which the scan reads as a placeholder,
 * so a replay still reports nothing there. Quoted JSON keys are left to the rules: masking a bare
 * JSON number would break the document another check replays.
 */
const ASSIGNMENT = /\b[A-Za-z0-9_.-]*(?:PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?)[A-Za-z0-9_.-]*[ \t]*[=:][ \t]*["']?([^\s"'#,;]{3,})/gi;

/** Byte groups a placeholder character is drawn from: membership in hex, base32, base64 and alnum survives. */
const POOLS = ['abcdef', 'ghijklmnopqrstuvwxyz', 'ABCDEF', 'GHIJKLMNOPQRSTUVWXYZ', '0189', '234567'] as const;

let shared: SecretScanner | null = null;

function scanner(): SecretScanner {
  shared ??= new SecretScanner();
  return shared;
}

/** A header line with a column that holds credentials: the file is an export or a credentials table. */
function isCredentialTable(firstLine: string): boolean {
  if (passwordExportFormat(firstLine)) return true;
  const cols = csvColumns(firstLine);
  return cols.length >= 2 && cols.some((c) => /pass|secret|token|totp|otp|api.?key/.test(c));
}

/**
 * A placeholder for `length` bytes drawn from the pools the secret used, from a fixed sequence: it
 * depends on the secret's length and character kinds only, never on its value.
 */
function fill(original: Buffer, seed: number): Buffer {
  const pool = POOLS.filter((p) => original.some((b) => p.includes(String.fromCharCode(b)))).join('') || 'x';
  const out = Buffer.from(original);
  let s = seed >>> 0;
  for (let i = 0; i < out.length; i++) {
    const b = out[i]!;
    // Structure stays (dashes, dots, line breaks, escaped `\n` in JSON); letters, digits and non-ASCII are drawn.
    if (i > 0 && original[i - 1] === 0x5c) continue;
    if (b >= 0x80 || /[A-Za-z0-9]/.test(String.fromCharCode(b))) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      out[i] = pool.charCodeAt((s >>> 16) % pool.length);
    }
  }
  return out;
}

function seedOf(span: SecretSpan): number {
  let h = span.end - span.start;
  for (const ch of span.rule.id) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  return h;
}

/** Replace each span; where a placeholder stops matching its rule (a structured value), mask it with x. */
function placeholders(data: Buffer, spans: readonly SecretSpan[]): Buffer {
  const out = Buffer.from(data);
  for (const span of spans) fill(data.subarray(span.start, span.end), seedOf(span)).copy(out, span.start);
  const again = scanner().scan(out);
  for (const span of spans) {
    if (again.some((a) => a.rule.id === span.rule.id && a.start === span.start)) continue;
    for (let i = span.start; i < span.end; i++) {
      if (out[i - 1] !== 0x5c && (out[i]! >= 0x80 || /[A-Za-z0-9]/.test(String.fromCharCode(out[i]!)))) out[i] = 0x78;
    }
  }
  return out;
}

/**
 * Names sshd logged for users that do not exist can be passwords typed at the user-name prompt. A capture keeps
 * dictionary names (root, admin…, which ssh-auth shows anyway) and replaces every other one with a stable
 * hash-derived name, so a replay still counts the same distinct names and finds the same brute force.
 */
const INVALID_USER = /(\binvalid user )(\S+)(?= from | port |$)/gim;

function redactInvalidUsers(text: string): string {
  return text.replace(INVALID_USER, (whole, lead: string, name: string) =>
    isShowableUser(name, false) ? whole : `${lead}u${(hashName(name) >>> 0).toString(16).padStart(8, '0')}`,
  );
}

/** Replace secret values in recorded text; `source` names where it came from (a path, a command). */
export function redactSecrets(text: string, source: string): string {
  return redactValues(redactInvalidUsers(text), source);
}

function redactValues(text: string, source: string): string {
  const firstLine = text.split('\n', 1)[0] ?? '';
  // An export keeps its header (so a replay still flags it) and loses every row.
  if (passwordExportFormat(firstLine) !== null || (/\.csv$/i.test(source) && isCredentialTable(firstLine))) {
    return text.includes('\n') ? `${firstLine}\n` : firstLine;
  }
  if (isPlainBitwardenJson(text.slice(0, 4096))) return '{"encrypted": false, "items": []}\n';
  const data = Buffer.from(text, 'utf8');
  const spans = scanner().scan(data);
  const out = spans.length > 0 ? placeholders(data, spans) : data;
  // The safety net, on what is left: values no rule claimed.
  const masked: Array<[number, number]> = [];
  const original = data.toString('latin1');
  for (const m of original.matchAll(ASSIGNMENT)) {
    const value = m[1]!;
    const start = m.index + m[0].length - value.length;
    const end = start + value.length;
    if (spans.some((s) => s.start < end && start < s.end) || /^\$|^<|^\{\{/.test(value)) continue;
    masked.push([start, end]);
  }
  for (const [start, end] of masked) out.fill(0x78, start, end);
  return out.toString('utf8');
}
