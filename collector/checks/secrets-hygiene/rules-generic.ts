// Rules for secrets known by where they sit: credentials in URLs, Authorization headers, and
// password/token/key assignments in .env, YAML, INI and JSON — filtered for placeholders and references.
import { isMetadataKey, isPlaceholder, type SecretRule } from './rule';

/** Words that contain "pass" but are not about a password (`bypass`, `passthrough`, `compass`…). */
const NOT_PASSWORD_WORDS = /bypass|passthr|passive|compass|passenger|passport|passage|surpass|passwordless/i;

/** nsswitch.conf's `passwd:` line names lookup sources, not a password. */
const NSS_SOURCES = /^(?:files|compat|systemd|sss|ldap|nis|nisplus|db|winbind|extrausers|cache|dns|mdns4_minimal|myhostname)$/;

/**
 * After a `://` keyword: is there an `@` before the authority ends (`/`, a blank, a quote)? Web logs
 * have a URL on every line; only ones with user-info are worth a regex.
 */
function userInfoFollows(data: Uint8Array, keywordAt: number): boolean {
  for (let i = keywordAt + 3; i < data.length; i++) {
    const b = data[i]!;
    if (b === 0x40) return true; // @
    if (b === 0x2f || b === 0x20 || b === 0x09 || b === 0x0a || b === 0x22 || b === 0x27) return false; // / blank tab LF " '
  }
  return false;
}

/** The key of a matched assignment (`DB_PASSWORD`, `mqtt_password`). */
function keyOf(groups: Readonly<Record<string, string | undefined>>): string {
  return groups.key ?? '';
}

/** Shared acceptance for assignment rules: not a placeholder, a reference, code, or metadata about a secret. */
function acceptAssignment(value: string, groups: Readonly<Record<string, string | undefined>>, minLength: number): boolean {
  return value.length >= minLength && !isPlaceholder(value) && !isMetadataKey(keyOf(groups)) && !looksLikeCode(value, groups);
}

/** A quoted value (double or single quotes), with `n` and `n+1` as its group numbers. */
function quoted(n: number): string {
  return `"(?<secret${n}>[^"\\r\\n]+)"|'(?<secret${n + 1}>[^'\\r\\n]+)'`;
}

/**
 * A bare value: no quotes, blanks or characters that end a value in expressions and query strings
 * (`&|()<>`); `;` and `,` only inside it.
 */
function bare(n: number): string {
  return `(?<secret${n}>[^\\s"'\`;,&|()<>]+(?:[;,][^\\s"'\`;,&|()<>]+)*)(?<call${n}>\\()?`;
}

/**
 * Source code, not configuration: a call (`os.Getenv(`), an index (`key[16:]`) or a member chain
 * (`cfg.influxdbPassword`, `typing.Optional`) assigned to a password-named variable.
 */
function looksLikeCode(value: string, groups: Readonly<Record<string, string | undefined>>): boolean {
  if (groups.call3 !== undefined || groups.call6 !== undefined) return true;
  if (value.toLowerCase() === keyOf(groups).toLowerCase()) return true; // key_password=key_password
  return /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\[/.test(value) || /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value);
}

/**
 * `KEY=value`, `KEY: value`, `"key": "value"`, `key = value`, `KEY := value`, `key => value`. The key
 * starts at a boundary that is not a path (`/etc/passwd:` is not a key) and may carry prefixes (`DB_`)
 * and `_`/`.`/`-` suffixes or digits. After a bare `:` a value needs a blank or a quote, as in YAML
 * and JSON, so `pass:insta` or `host:port` text is not an assignment.
 */
function assignment(words: string): RegExp {
  return new RegExp(
    `(?:^|[^A-Za-z0-9_./-])(?<key>[A-Za-z0-9_.-]*(?:${words})(?:[_.-][A-Za-z0-9_.-]*|[0-9]*))["']?[ \\t]*` +
      `(?:(?::=|=>|=)[ \\t]*(?:${quoted(1)}|${bare(3)})|:[ \\t]*(?:${quoted(4)})|:[ \\t]+${bare(6)})`,
    'i',
  );
}

/** Credentials in URLs, headers and assignments, specific before generic. */
export const GENERIC_RULES: readonly SecretRule[] = [
  {
    id: 'database-url',
    name: 'Database URL with password',
    description: 'A database or broker connection URL with a password in it (postgres://user:pass@host…).',
    keywords: ['postgres', 'mysql', 'mariadb', 'mongodb', 'redis', 'amqp', 'mssql', 'sqlserver'],
    regex: /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver):\/\/[^\s:@/'"]*:(?<secret>[^\s@/'"]+)@/,
    accept: (value) => !isPlaceholder(value),
    // The database holds the service's data; the URL is often reused in several files.
    severity: 'medium',
    severityReason: 'direct access to the service\'s data (CWE-798 hard-coded credentials)',
    examples: {
      truePositives: [
        'DATABASE_URL=postgres://paperless:FAKE-EXAMPLE-pg-pass@db:5432/paperless',
        'REDIS_URL: "redis://:FAKEEXAMPLEredis@redis:6379/0"',
      ],
      falsePositives: ['DATABASE_URL=postgres://paperless:${DB_PASS}@db/paperless', 'postgres://db:5432/paperless', 'mysql://user@host/db'],
    },
  },
  {
    id: 'url-credentials',
    name: 'Password in a URL',
    description: 'A URL with user:password@ in it (Git remotes, ntfy, WebDAV, proxies).',
    keywords: ['://'],
    confirm: userInfoFollows,
    regex: /\b[A-Za-z][A-Za-z0-9+.-]{1,20}:\/\/[^\s:@/'"]+:(?<secret>[^\s@/'"]{3,})@[^\s/'"@]/,
    accept: (value) => !isPlaceholder(value),
    severity: 'medium',
    severityReason: 'a reusable login for the service in the URL (CWE-798)',
    examples: {
      truePositives: ['url = https://alex:FAKEEXAMPLEpw1@git.home.arpa/alex/infra.git', 'NTFY_URL=https://backup:FAKE-EXAMPLE@ntfy.home.arpa/backups'],
      falsePositives: ['https://alex:${TOKEN}@git.home.arpa', 'https://git.home.arpa/alex', 'ssh://git@github.com/o/r.git', 'http://[::1]:8080/'],
    },
  },
  {
    id: 'authorization-header',
    name: 'Authorization header',
    description: 'A bearer token or Basic credentials written into an Authorization header (scripts, curl).',
    keywords: ['bearer', 'authorization'],
    regex: /\b(?:bearer[ \t]+(?<secret>[A-Za-z0-9._~+/-]{20,}=*)|authorization:[ \t]*basic[ \t]+(?<secret2>[A-Za-z0-9+/]{16,}={0,2}))/i,
    entropy: 3,
    accept: (value) => !isPlaceholder(value),
    severity: 'medium',
    severityReason: 'a bearer credential: whoever holds it is the caller (RFC 6750 §5)',
    examples: {
      truePositives: ['curl -H "Authorization: Bearer FAKEEXAMPLE0123456789abcdefXYZ" https://api.home.arpa', "-H 'Authorization: Basic RkFLRTpFWEFNUExFcGFzc3dvcmQ='"],
      falsePositives: ['curl -H "Authorization: Bearer $NTFY_TOKEN"', 'Authorization: Bearer <token>', 'bearer tokens are described in RFC 6750'],
    },
  },
  {
    id: 'generic-password',
    name: 'Password',
    description: 'A password assigned in a config, .env, YAML, INI or JSON file (placeholders and references skipped).',
    keywords: ['pass', 'pwd'],
    regex: assignment('pass(?:word|wd|phrase)?|pwd'),
    // Short human passwords are real findings too; only runs of one character are dropped.
    entropy: 1.5,
    accept: (value, groups) => {
      const key = keyOf(groups);
      if (NOT_PASSWORD_WORDS.test(key)) return false;
      if (/^passwd$/i.test(key) && NSS_SOURCES.test(value)) return false;
      return acceptAssignment(value, groups, 4);
    },
    // A working login for the service; reused passwords reach further (CWE-798, CWE-256 plaintext storage).
    severity: 'medium',
    severityReason: 'a plaintext password for the service, often reused elsewhere (CWE-256)',
    examples: {
      truePositives: [
        'POSTGRES_PASSWORD=FAKE-EXAMPLE-pg-pass',
        '      - PAPERLESS_DBPASS=FAKEEXAMPLEdbpass',
        'password = FAKEEXAMPLEups',
        '"password": "FAKE EXAMPLE with spaces"',
        "mqtt_password: 'FAKEEXAMPLEmqtt'",
        'export RESTIC_PASSWORD="FAKEEXAMPLE restic"',
      ],
      falsePositives: [
        'POSTGRES_PASSWORD=${POSTGRES_PASSWORD}',
        'POSTGRES_PASSWORD_FILE=/run/secrets/db_password',
        'password: changeme',
        'password: <password>',
        'password: !secret mqtt_password',
        'PASSWORD=',
        'password: xxxxxxxx',
        'passwd:         files systemd',
        'PasswordAuthentication no',
        'bypass_list: 10.0.0.0/8',
        'authentication passed: user alex',
        'password_min_length: 12',
        // Seen in Debian 12's /etc:
        '#password_encryption = scram-sha-256',
        'permfile=/etc/passwd:rw-r--r--:root:-:WARN:',
        "# 130322 11:26:54 [Warning] Access denied for user 'root'@'127.0.0.1' (using password: YES)",
        '<getcmd> "<mnwurl>?AgentEmail=$MNWLOGIN&AgentPassword=$MNWPASS&AttackerIP=<ip>"',
        'secret = pass:insta # can be used for both client and server side',
        '# com.sun.management.jmxremote.password.toHashes = true|false',
        // Seen in code shipped with Debian (Go, Python):
        '\t\tinfluxdbPassword: os.Getenv("INFLUXDB_PW"),',
        '\t\t\tPassword: cfg.influxdbPassword,',
        '        passphrase = Passphrase.new(allow_empty=False)',
        '        self, data: bytes, password: typing.Optional[bytes]',
        '    password: bytes,',
        '            key_password=key_password,',
      ],
    },
  },
  {
    id: 'generic-secret',
    name: 'Secret',
    description: 'A token, API key, client secret or secret key assigned in a config file (high-entropy values only).',
    keywords: [
      'secret',
      'token',
      'api_key',
      'apikey',
      'api-key',
      'api.key',
      'access_key',
      'accesskey',
      'access-key',
      'auth_key',
      'authkey',
      'private_key',
      'privatekey',
      'encryption_key',
      'credential',
    ],
    regex: assignment(
      'secret|token|api[_.-]?key|access[_.-]?key|auth[_.-]?key|private[_.-]?key|encryption[_.-]?key|client[_.-]?key|credentials?',
    ),
    // Tokens are random: gitleaks' generic rule uses entropy 3.5; 3 keeps short hex keys in.
    entropy: 3,
    // Letters alone are words, settings or type names (`always-impersonate`, `ReaddirToken`); random
    // tokens of this length almost always hold a digit or a symbol.
    accept: (value, groups) => !/^[A-Za-z]+(?:[-_.][A-Za-z]+)*$/.test(value) && acceptAssignment(value, groups, 8),
    severity: 'medium',
    severityReason: 'API access as the service or user the key belongs to (CWE-798)',
    examples: {
      truePositives: [
        'CF_DNS_API_TOKEN=FAKEEXAMPLE0123456789abcdefghij',
        'PAPERLESS_SECRET_KEY: "FAKE-EXAMPLE-7f3a9c2e1b"',
        'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        '"api_key": "FAKEEXAMPLE9f8e7d6c5b4a"',
      ],
      falsePositives: [
        'token_ttl: 86400',
        'SECRET_KEY=${SECRET_KEY}',
        'api_key: your-api-key-here',
        'token_type: bearer',
        'secrets:',
        'ADMIN_TOKEN_FILE=/run/secrets/admin_token',
        'token refreshed: ok',
        'secret: aaaaaaaaaaaa',
        // Seen in Debian 12's /etc:
        '# To get your Cloudflare API token: https://developers.cloudflare.com/api/tokens/create/',
        '#jdk.security.krb5.default.initiate.credential=always-impersonate',
        'private_key\t= $dir/private/cakey.pem# The private key',
        '    $ export GOOGLE_ACCESS_TOKEN=ya29.a0AfH6SMC78...',
        '        self._encryption_key = key[16:]',
        '        token: "ReaddirToken"',
      ],
    },
  },
];
