// What a secret rule is (data: id, keywords, regex, entropy, severity, its own examples) and the value filters rules share.
import type { Severity } from '../../../shared/severity';

/** One detection rule. Rules are data; the scanner and the capture redactor both run them. */
export interface SecretRule {
  /** Stable id, part of finding subjects and of ignore entries (`path:rule`). */
  id: string;
  /** What it finds, as a title says it: "AWS access key". */
  name: string;
  description: string;
  /**
   * Lower-case substrings of which at least one is on the line of every true positive. The scanner
   * runs the regex only on lines holding a keyword (gitleaks' cheap prefilter); at least 3 characters.
   */
  keywords: readonly string[];
  /**
   * Where the secret is: the value is the named group `secret` (or `secret2`, `secret3` in other
   * alternatives). No lookarounds and no back-references, so the benchmark can hand it to `grep -E`.
   */
  regex: RegExp;
  /** Minimum Shannon entropy (bits per character) of the value; below it the match is not a secret. */
  entropy?: number;
  /** Drop matches that are not secrets (placeholders, references); gets the value and the named groups. */
  accept?: (value: string, groups: Readonly<Record<string, string | undefined>>) => boolean;
  /**
   * A cheap test on the bytes at a keyword hit, before any regex, for keywords too common to filter
   * alone (`://` is on every line of a web log): false means the line cannot hold a match.
   */
  confirm?: (data: Uint8Array, keywordAt: number) => boolean;
  /** The match may span lines (a PEM block): the scanner hands the regex a window from the keyword's line on. */
  multiline?: boolean;
  /** POSIX ERE of the rule's first line for the grep baseline, when the regex cannot be converted. */
  ere?: string;
  /** Severity when the file is readable by every user; one step lower when it is not. */
  severity: Severity;
  /** Why that severity (a source, not an opinion). */
  severityReason: string;
  /** Lines the rule must find, and lines it must not; the table test runs both through the real scanner. */
  examples: { truePositives: readonly string[]; falsePositives: readonly string[] };
}

/** Shannon entropy of a string in bits per character (0 for empty or one repeated character). */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  const n = [...value].length;
  for (const c of counts.values()) {
    const p = c / n;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Values people write where a secret would go but which are not one: empty, templates and
 * variable references, angle-bracket hints, runs of x or *, and the classic defaults.
 */
const PLACEHOLDER_WORDS = new Set([
  'changeme',
  'change_me',
  'change-me',
  'changethis',
  'password',
  'passwd',
  'secret',
  'token',
  'apikey',
  'api_key',
  'example',
  'sample',
  'placeholder',
  'redacted',
  'replaceme',
  'replace_me',
  'none',
  'null',
  'nil',
  'true',
  'false',
  'yes',
  'no',
  'required',
  'optional',
  'undefined',
  'empty',
  'todo',
  'fixme',
  'dummy',
  'test',
  // Type names, from annotations and schemas (`password: str`, `token: bytes`).
  'string',
  'str',
  'bytes',
  'int',
  'bool',
  'boolean',
  'number',
  'any',
  'object',
]);

/** Shapes that reference a secret kept elsewhere, or mark where one must be filled in. */
const REFERENCE_SHAPES: readonly RegExp[] = [
  /^\$/, // ${VAR}, $VAR, $(cat /run/secrets/x), $dir/private/key.pem; also argon2/crypt hashes
  /^\{\{.*\}?\}?$/, // {{ template }}
  /^(?:%\([A-Za-z_]+\)s|%[A-Za-z_]+%)$/, // %(var)s, %VAR%
  /^%env\(/i, // Symfony %env(X)%
  /^<[^>]*>?$/, // <password>
  /^\[[^\]]*\]$/, // [password]
  /^!(?:secret|env_var|include)\b/, // Home Assistant / YAML tags
  /^(?:x+|X+|\*+|\.+|-+|#+|_+)$/, // xxx, ***, ...
  /^(?:your|my|some|the|enter|insert|put|add)[-_ ]?.*(?:here|password|secret|token|key)$/i,
  /^(?:op|vault|sops|env|file|secret|secretref|keyring|pass|bw|awssm|gcpsm|azkv):\/{0,2}/i, // secret-manager references
  /(?:\.\.\.|…)$/, // a truncated example in documentation (ya29.a0AfH6SMC78...)
  /^ENC\[/, // sops/ansible encrypted values
  /^\$ANSIBLE_VAULT/,
  /^(?:\/|\.\/|\.\.\/|~\/)[^\s]*$/, // a path to a file that holds it (POSTGRES_PASSWORD_FILE=/run/secrets/db)
  /^[A-Za-z][A-Za-z0-9+.-]*:\/\/\S*$/, // a URL: where to get one (URLs with user:pass@ have their own rule)
];

/** True when a value is a placeholder or a reference rather than a secret. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (PLACEHOLDER_WORDS.has(v.toLowerCase())) return true;
  return REFERENCE_SHAPES.some((shape) => shape.test(v));
}

/**
 * Key names that hold something about a secret rather than the secret itself:
 * `PASSWORD_FILE`, `token_ttl`, `password_min_length`, `SECRET_KEY_PATH`…
 */
const NOT_A_SECRET_KEY =
  /(?:^|[_.-])(?:file|path|dir|length|len|min|max|minlength|maxlength|timeout|ttl|expiry|expires|expire|lifetime|age|policy|hash|hashed|hashes|encryption|enabled|enable|disabled|required|reset|changed|command|cmd|helper|prompt|type|mode|field|param|name|id|url|uri|endpoint|header|location|rounds|iterations|algorithm|algo|strength|auth|method|backend|store|provider|format|encoding|env|var)$/i;

/** True when an assignment's key names metadata about a secret (length, file, TTL…), not the secret. */
export function isMetadataKey(key: string): boolean {
  return NOT_A_SECRET_KEY.test(key);
}
