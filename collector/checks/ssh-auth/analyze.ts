// Judge the SSH side of the summary: brute force, user enumeration, success after failures, unknown networks, root.
import type { FindingDraft } from '../../../shared/finding';
import type { Severity } from '../../../shared/severity';
import { formatDuration } from '../../config/units';
import { LIMITS } from './aggregate';
import { analyzeSudo } from './analyze-sudo';
import { DEFAULT_KNOWN_NETWORKS, networkMatcher } from './networks';
import { humanSpan, isoTime, type LoginSummary, type SourceSummary, type SshAuthObservation } from './observation';
import type { SshAuthOptions } from './options';

/** Findings per kind before the rest are folded into one summary finding, so a botnet cannot flood the vault. */
const MAX_PER_KIND = 20;

/** Password-style methods: a login with one of them means the password itself was good enough. */
const PASSWORD_METHOD = /^(password|keyboard-interactive)/;

function usersText(s: SourceSummary): string | null {
  return s.topUsers.length ? s.topUsers.map((u) => `${u.name} (${u.count})`).join(', ') : null;
}

function detectorText(s: SourceSummary): string {
  return [s.fastAt !== null ? 'fast' : null, s.slowAt !== null ? 'slow' : null].filter(Boolean).join(', ');
}

function bruteforce(sources: SourceSummary[], host: string, window: string): FindingDraft[] {
  const tripped = sources.filter((s) => s.fastAt !== null || s.slowAt !== null);
  const out = tripped.slice(0, MAX_PER_KIND).map((s): FindingDraft => {
    // Guessing the password of a real account (not root, which every bot tries) means password logins are on and aimed.
    const aimed = s.accountsGuessed.length > 0;
    return {
      subject: `bruteforce:${s.address}`,
      severity: aimed ? 'high' : 'medium',
      // The same source probing user names is said here, not as a second finding.
      title: `${s.failures} failed SSH logins from ${s.address} on ${host} in ${humanSpan(s.lastSeen - s.firstSeen)}${s.invalidUsers > 0 ? `, trying ${s.invalidUsers}${s.invalidUsers >= LIMITS.invalidNamesPerSource ? '+' : ''} non-existent user name${s.invalidUsers === 1 ? '' : 's'}` : ''}`,
      evidence: {
        source: s.address,
        failures: s.failures,
        detector: detectorText(s),
        first_seen: isoTime(s.firstSeen),
        last_seen: isoTime(s.lastSeen),
        window,
        invalid_users: s.invalidUsers,
        users: usersText(s),
        accounts_guessed: aimed ? s.accountsGuessed.join(', ') : null,
      },
      remediation: aimed
        ? `Passwords of existing accounts are being guessed: set "PasswordAuthentication no" in sshd_config and block ${s.address}; if SSH need not face the internet, remove the port forward.`
        : `Block ${s.address} (fail2ban or CrowdSec), keep "PasswordAuthentication no"; if SSH is not meant to be reachable from the internet, remove the port forward.`,
    };
  });
  const rest = tripped.slice(MAX_PER_KIND);
  if (rest.length) out.push(summaryOf('bruteforce:more-sources', 'medium', `${rest.length} more addresses brute-forced SSH on ${host}`, rest, window));
  return out;
}

function enumeration(sources: SourceSummary[], host: string, threshold: number, window: string): FindingDraft[] {
  // Addresses already reported as brute force carry their user-name count in that finding.
  const found = sources.filter((s) => s.fastAt === null && s.slowAt === null && s.invalidUsers > threshold);
  const out = found.slice(0, MAX_PER_KIND).map(
    (s): FindingDraft => ({
      subject: `user-enumeration:${s.address}`,
      severity: 'low',
      title: `${s.address} tried ${s.invalidUsers}${s.invalidUsers >= LIMITS.invalidNamesPerSource ? '+' : ''} different non-existent user names over SSH on ${host}`,
      evidence: {
        source: s.address,
        invalid_users: s.invalidUsers,
        failures: s.failures,
        users: usersText(s),
        first_seen: isoTime(s.firstSeen),
        last_seen: isoTime(s.lastSeen),
        window,
      },
      remediation: `Someone is probing for account names: block ${s.address} and make sure only key logins are allowed ("PasswordAuthentication no").`,
    }),
  );
  const rest = found.slice(MAX_PER_KIND);
  if (rest.length) out.push(summaryOf('user-enumeration:more-sources', 'low', `${rest.length} more addresses probed SSH user names on ${host}`, rest, window));
  return out;
}

function summaryOf(subject: string, severity: Severity, title: string, rest: SourceSummary[], window: string): FindingDraft {
  return {
    subject,
    severity,
    title,
    evidence: {
      sources: rest.length,
      failures: rest.reduce((n, s) => n + s.failures, 0),
      examples: rest
        .slice(0, 5)
        .map((s) => s.address)
        .join(', '),
      window,
    },
    remediation: 'Block the addresses with fail2ban or CrowdSec, or stop exposing SSH to the internet.',
  };
}

/** Logins of one user from one address, across methods. */
interface LoginGroup {
  user: string;
  address: string;
  methods: string[];
  count: number;
  firstSeen: number;
  lastSeen: number;
  failuresBefore: number;
  afterBruteforce: boolean;
}

function groupLogins(logins: LoginSummary[]): LoginGroup[] {
  const groups = new Map<string, LoginGroup>();
  for (const l of logins) {
    const key = `${l.user}\u0000${l.address}`;
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { ...l, methods: [l.method] });
      continue;
    }
    if (!g.methods.includes(l.method)) g.methods.push(l.method);
    g.count += l.count;
    g.firstSeen = Math.min(g.firstSeen, l.firstSeen);
    g.lastSeen = Math.max(g.lastSeen, l.lastSeen);
    g.failuresBefore = Math.max(g.failuresBefore, l.failuresBefore);
    g.afterBruteforce ||= l.afterBruteforce;
  }
  return [...groups.values()];
}

function loginEvidence(g: LoginGroup, window: string) {
  return {
    user: g.user,
    source: g.address,
    methods: g.methods.sort().join(', '),
    logins: g.count,
    first_seen: isoTime(g.firstSeen),
    last_seen: isoTime(g.lastSeen),
    window,
  };
}

function logins(obs: SshAuthObservation, options: SshAuthOptions, host: string, window: string): FindingDraft[] {
  const known = networkMatcher(options.known_networks ?? DEFAULT_KNOWN_NETWORKS);
  const out: FindingDraft[] = [];
  const unknown: FindingDraft[] = [];
  for (const g of groupLogins(obs.logins)) {
    const isKnown = known(g.address);
    const suspicious = g.afterBruteforce || g.failuresBefore >= options.success_after_failures;
    if (suspicious) {
      out.push({
        subject: `success-after-failures:${g.user}@${g.address}`,
        // After a brute force fired, the guessing worked: treat as a compromise until shown otherwise. On a known
        // network it is more likely a person fumbling their own password.
        severity: g.afterBruteforce ? 'critical' : isKnown ? 'medium' : 'high',
        title: `${g.user} logged in over SSH on ${host} from ${g.address} after ${g.failuresBefore} failed attempts from that address`,
        evidence: { ...loginEvidence(g, window), failures_before: g.failuresBefore, after_bruteforce: g.afterBruteforce, known_network: isKnown },
        remediation: `If this was not you: lock the account (passwd -l ${g.user}), end its sessions, check its authorized_keys and crontab for persistence, then set "PasswordAuthentication no".`,
      });
    }
    if (g.user === 'root') {
      const withPassword = g.methods.some((m) => PASSWORD_METHOD.test(m));
      out.push({
        subject: `root-login:${g.address}`,
        // CIS benchmarks ("Ensure SSH root login is disabled"): root logs in through a user and sudo, never directly;
        // with a password or from outside the known networks it is the account every bot is guessing.
        severity: withPassword || !isKnown ? 'high' : 'medium',
        title: `root logged in over SSH on ${host} from ${g.address}${withPassword ? ' with a password' : ''}`,
        evidence: { ...loginEvidence(g, window), known_network: isKnown },
        remediation: 'Log in as a normal user and use sudo; set "PermitRootLogin no" in sshd_config.',
      });
    } else if (!isKnown && !suspicious) {
      unknown.push({
        subject: `unknown-network:${g.user}@${g.address}`,
        severity: 'medium',
        title: `${g.user} logged in over SSH on ${host} from ${g.address}, outside the known networks`,
        evidence: loginEvidence(g, window),
        remediation: `If this was you, add the network to checks.ssh-auth.known_networks; if not, lock ${g.user}, end its sessions and replace its keys.`,
      });
    }
  }
  out.push(...unknown.slice(0, MAX_PER_KIND));
  if (unknown.length > MAX_PER_KIND) {
    out.push({
      subject: 'unknown-network:more-logins',
      severity: 'medium',
      title: `${unknown.length - MAX_PER_KIND} more SSH logins on ${host} came from outside the known networks`,
      evidence: { logins: unknown.length - MAX_PER_KIND, window },
      remediation: 'Review checks.ssh-auth.known_networks and who logs in from where.',
    });
  }
  return out;
}

function health(obs: SshAuthObservation, host: string): FindingDraft[] {
  const out: FindingDraft[] = obs.damaged.map((path) => ({
    subject: `log-damaged:${path}`,
    severity: 'info',
    title: `${path} on ${host} could not be decompressed to the end`,
    evidence: { path },
    remediation: 'A rotation may have been interrupted; events after the damage in that file were not checked.',
  }));
  if (obs.journalTruncated) {
    out.push({
      subject: 'journal-truncated',
      severity: 'info',
      title: `The SSH journal on ${host} was too large to read whole; the oldest events of the window were skipped`,
      evidence: { window: formatDuration(obs.until - obs.since) },
      remediation: 'Shorten checks.ssh-auth.window, or install rsyslog so the check can stream /var/log/auth.log.',
    });
  }
  const { malformed, lines } = obs.stats;
  // A few odd lines are normal (multi-line messages, a crash mid-write); many mean the log is not what it seems.
  if (malformed >= 100 && malformed >= lines / 100) {
    out.push({
      subject: 'unreadable-lines',
      severity: 'info',
      title: `${malformed} of ${lines} auth log lines on ${host} had no syslog header and were skipped`,
      evidence: { malformed, lines, oversized: obs.stats.oversized },
      remediation: 'Check that checks.ssh-auth.log points at a syslog file (auth.log or secure).',
    });
  }
  return out;
}

/** Every ssh-auth finding for one host (pure). */
export function analyzeSshAuth(obs: SshAuthObservation, options: SshAuthOptions, host: string): FindingDraft[] {
  const window = formatDuration(obs.until - obs.since);
  return [
    ...bruteforce(obs.sources, host, window),
    ...enumeration(obs.sources, host, options.user_enumeration, window),
    ...logins(obs, options, host, window),
    ...analyzeSudo(obs.sudo, options, host, window),
    ...health(obs, host),
  ];
}
