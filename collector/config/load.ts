// Load vigil.yaml: find it, parse with lines, validate against the schema, then resolve paths and apply rules.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import * as v from 'valibot';
import type { CheckId } from '../../shared/ids';
import { folderSegments } from '../../shared/file-names';
import { REGISTRY } from '../checks/registry';
import { RULES } from '../checks/secrets-hygiene/rules';
import { SecretScanner } from '../checks/secrets-hygiene/scan';
import { ConfigError, type ConfigProblem } from '../errors/config-error';
import { messageOf } from '../errors/vigil-error';
import { expandPath } from './expand-path';
import { describeIssue } from './issues';
import { configSchema, parseCheckOptions, type RawConfig } from './schema';
import type { BackupJob, CheckSettings, HostConfig, RestoreTest, ServiceSettings, SshSettings, VigilConfig } from './types';
import { loadYamlWithLines, type DataPath } from './yaml-lines';

/** Where the environment and file system come from (injectable for tests). */
export interface LoadEnv {
  env: NodeJS.ProcessEnv;
  home: string;
  cwd: string;
}

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';
const DEFAULT_CHECK_TIMEOUT = 60_000;

/** The process's own environment. */
export function processEnv(): LoadEnv {
  return { env: process.env, home: process.env.HOME || homedir(), cwd: process.cwd() };
}

/** The default state directory: $XDG_STATE_HOME/vigil or ~/.local/state/vigil. */
export function defaultStateDir(e: LoadEnv): string {
  const xdg = e.env.XDG_STATE_HOME;
  return resolve(xdg && isAbsolute(xdg) ? xdg : resolve(e.home, '.local/state'), 'vigil');
}

/** Config files tried in order when `--config` is not given. */
export function candidateConfigFiles(e: LoadEnv): string[] {
  const list = [];
  if (e.env.VIGIL_CONFIG) list.push(resolve(e.cwd, e.env.VIGIL_CONFIG));
  list.push(resolve(e.cwd, 'vigil.yaml'));
  const xdg = e.env.XDG_CONFIG_HOME && isAbsolute(e.env.XDG_CONFIG_HOME) ? e.env.XDG_CONFIG_HOME : resolve(e.home, '.config');
  list.push(resolve(xdg, 'vigil/vigil.yaml'));
  return list;
}

function checkDefaults(): Record<CheckId, CheckSettings> {
  const out = {} as Record<CheckId, CheckSettings>;
  for (const check of REGISTRY) {
    const parsed = parseCheckOptions(check.options, {});
    if (!parsed.success) throw new Error(`built-in defaults of ${check.id} do not validate`);
    const { enabled: _e, timeout: _t, ...options } = parsed.output as Record<string, unknown>;
    // Only an explicit `timeout:` lands here; the check's own default applies otherwise (see run-checks).
    out[check.id] = { enabled: true, timeoutMs: null, options };
  }
  return out;
}

/** The config used when there is no file: audit this machine, write to ./vigil-vault. */
export function defaultConfig(e: LoadEnv = processEnv()): VigilConfig {
  return {
    file: null,
    vault: resolve(e.cwd, 'vigil-vault'),
    folder: 'Vigil',
    stateDir: defaultStateDir(e),
    hosts: [
      { name: 'local', kind: 'local', fixture: null, ssh: null, docker: DEFAULT_DOCKER_SOCKET, sudo: false, collector: true, checks: null },
    ],
    checks: checkDefaults(),
    run: { checkTimeoutMs: DEFAULT_CHECK_TIMEOUT, hostConcurrency: 32, keepReportsDays: 90, staleAfterMs: 48 * 3_600_000 },
    incidents: { minSeverity: 'medium', resolveAfter: 2 },
    accept: [],
    vaultName: basename(resolve(e.cwd, 'vigil-vault')),
    notify: { ntfy: null },
    narrator: { ollama: null },
    backups: [],
    restoreTests: defaultRestoreTests(),
    services: [],
    exportHtml: null,
    metricsTextfile: null,
  };
}

/** The user's own restore calendar ("Designing a Homelab Backup Strategy"): the default when none is configured. */
export function defaultRestoreTests(): RestoreTest[] {
  return [
    { name: 'Monthly random file from NAS and cloud', every: 'monthly', template: 'random-file', runbook: null, dataClass: 'irreplaceable', jobs: [], graceMs: 7 * 86_400_000 },
    { name: 'Quarterly Docker app restore', every: 'quarterly', template: 'docker-app', runbook: null, dataClass: 'service-state', jobs: [], graceMs: 14 * 86_400_000 },
    { name: 'Quarterly Home Assistant restore', every: 'quarterly', template: 'home-assistant', runbook: null, dataClass: 'service-state', jobs: [], graceMs: 14 * 86_400_000 },
    { name: 'Yearly: lose the NAS', every: 'yearly', template: 'lose-the-nas', runbook: null, dataClass: 'irreplaceable', jobs: [], graceMs: 30 * 86_400_000 },
  ];
}

/** Which service kinds a default test's template restores: a passed test verifies that service's runbook. */
const TEMPLATE_KINDS: Partial<Record<string, readonly ServiceSettings['kind'][]>> = {
  'docker-app': ['docker-app', 'gitea'],
  'home-assistant': ['home-assistant'],
  'lose-the-nas': ['nas'],
};

/** The default calendar, each test following the runbook of the first service of its kind (its steps, its verification). */
export function bindDefaultRunbooks(tests: readonly RestoreTest[], services: readonly ServiceSettings[]): RestoreTest[] {
  return tests.map((t) => {
    const kinds = TEMPLATE_KINDS[t.template];
    const service = kinds ? services.find((s) => kinds.includes(s.kind)) : undefined;
    return service ? { ...t, runbook: service.name } : { ...t };
  });
}

const GRACE: Record<RestoreTest['every'], number> = { monthly: 7 * 86_400_000, quarterly: 14 * 86_400_000, yearly: 30 * 86_400_000 };

/** Where a repository lives, from its address: the host of sftp:/ssh:/rest: URLs, the provider of cloud ones, else the job's host. */
export function repoLocation(repo: string, jobHost: string): { location: string; local: boolean } {
  const sftp = /^sftp:(?:[^@/]+@)?([^:/]+)[:/]/.exec(repo);
  if (sftp) return { location: sftp[1]!, local: false };
  const url = /^(?:rest:|ssh:\/\/)(?:https?:\/\/)?(?:[^@/]+@)?([^:/]+)/.exec(repo);
  if (url) return { location: url[1]!, local: false };
  const cloud = /^(s3|b2|azure|gs|swift|rclone):/.exec(repo);
  if (cloud) return { location: cloud[1]!, local: false };
  const borgScp = /^(?:[^@/]+@)?([^:/]+):[^/]/.exec(repo);
  if (borgScp && !repo.startsWith('/')) return { location: borgScp[1]!, local: false };
  return { location: jobHost, local: true };
}

/** Find and load the config: `explicit` must exist; otherwise the first candidate that exists, else defaults. */
export async function loadConfig(explicit: string | null, e: LoadEnv = processEnv()): Promise<VigilConfig> {
  if (explicit) return loadConfigFile(resolve(e.cwd, explicit), e);
  for (const file of candidateConfigFiles(e)) {
    try {
      await readFile(file);
    } catch {
      continue;
    }
    return loadConfigFile(file, e);
  }
  return defaultConfig(e);
}

/** Load one config file; every problem is collected and thrown together as a ConfigError. */
export async function loadConfigFile(file: string, e: LoadEnv = processEnv()): Promise<VigilConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : messageOf(error);
    throw new ConfigError([{ file, line: 1, path: '', message: `cannot read the config file: ${why}` }]);
  }
  return parseConfigText(text, file, e);
}

/** Validate and resolve config text (the file name is used for messages and relative paths). */
export function parseConfigText(text: string, file: string, e: LoadEnv = processEnv()): VigilConfig {
  const located = loadYamlWithLines(text, file);
  if (located.data === undefined || located.data === null) {
    throw new ConfigError([{ file, line: 1, path: '', message: 'the config is empty; it needs at least `vault:`' }]);
  }
  const problems: ConfigProblem[] = [];
  const at = (path: DataPath, message: string) => {
    const problem = { file, line: located.lineOf(path), path: path.join('.'), message };
    if (!problems.some((p) => p.line === problem.line && p.path === problem.path && p.message === message)) problems.push(problem);
  };

  const parsed = v.safeParse(configSchema, located.data);
  if (!parsed.success) {
    for (const issue of parsed.issues) {
      const { path, message } = describeIssue(issue, configSchema);
      at(path, message);
    }
    throw new ConfigError(sortProblems(problems));
  }
  const config = resolveConfig(parsed.output, file, e, at);
  if (problems.length > 0) throw new ConfigError(sortProblems(problems));
  return config;
}

function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  // On one line, a typo ("unknown key") explains the "is required" next to it, so it comes first.
  const typo = (p: ConfigProblem) => (p.message.startsWith('unknown key') ? 0 : 1);
  return problems.sort((a, b) => a.line - b.line || typo(a) - typo(b) || a.path.localeCompare(b.path));
}

/** Defaults and paths of an ssh block: user, agent, known_hosts, timeouts. */
function resolveSsh(
  raw: NonNullable<NonNullable<RawConfig['hosts']>[number]['ssh']>,
  where: DataPath,
  e: LoadEnv,
  path: (value: string, where: DataPath) => string,
  at: (path: DataPath, message: string) => void,
): SshSettings {
  let agent: string | null = null;
  if (typeof raw.agent === 'string') agent = path(raw.agent, [...where, 'agent']);
  else if (raw.agent === true || (raw.agent === undefined && !raw.key)) {
    agent = e.env.SSH_AUTH_SOCK ?? null;
    // Without a socket, `agent: true` is this host's problem at connect time (cron and timers often lack
    // SSH_AUTH_SOCK): it becomes that host's host-unreachable finding, and the other hosts are still audited.
    if (!agent && raw.agent !== true) at(where, 'give `key:` (a private key file) or `agent: true`');
  }
  const xdg = e.env.XDG_CONFIG_HOME && isAbsolute(e.env.XDG_CONFIG_HOME) ? e.env.XDG_CONFIG_HOME : resolve(e.home, '.config');
  return {
    host: raw.host,
    port: raw.port ?? 22,
    user: raw.user ?? e.env.USER ?? e.env.LOGNAME ?? 'root',
    key: raw.key ? path(raw.key, [...where, 'key']) : null,
    keyPassphraseEnv: raw.key_passphrase_env ?? null,
    agent,
    knownHosts: raw.known_hosts ? path(raw.known_hosts, [...where, 'known_hosts']) : resolve(xdg, 'vigil', 'known_hosts'),
    connectTimeoutMs: raw.connect_timeout ?? 10_000,
    commandTimeoutMs: raw.command_timeout ?? 60_000,
  };
}

function resolveConfig(
  raw: RawConfig,
  file: string,
  e: LoadEnv,
  at: (path: DataPath, message: string) => void,
): VigilConfig {
  const base = dirname(file);
  const path = (value: string, where: DataPath): string => {
    const x = expandPath(value, e.env, e.home);
    if (!x.ok) {
      at(where, `environment variable ${x.missing} is not set`);
      return value;
    }
    return resolve(base, x.path);
  };

  const defaults = defaultConfig(e);
  const hosts: HostConfig[] = [];
  const names = new Set<string>();
  const rawHosts = raw.hosts ?? [{ name: 'local', local: true as const }];
  rawHosts.forEach((h, i) => {
    if (names.has(h.name)) at(['hosts', i, 'name'], `host name "${h.name}" is used twice`);
    names.add(h.name);
    const ways = [h.local ? 'local' : null, h.fixture ? 'fixture' : null, h.ssh ? 'ssh' : null].filter(Boolean);
    if (ways.length !== 1) {
      at(
        ['hosts', i],
        ways.length === 0 ? 'a host needs `local: true`, `ssh: {…}` or `fixture: FILE`' : 'a host takes only one of `local`, `ssh` and `fixture`',
      );
    }
    const checks = h.checks ?? null;
    checks?.forEach((id, j) => {
      const def = REGISTRY.find((c) => c.id === id);
      if (def?.scope === 'collector') at(['hosts', i, 'checks', j], `${id} runs once from the machine running Vigil, not per host`);
    });
    hosts.push({
      name: h.name,
      kind: h.fixture ? 'fixture' : h.ssh ? 'ssh' : 'local',
      fixture: h.fixture ? path(h.fixture, ['hosts', i, 'fixture']) : null,
      ssh: h.ssh ? resolveSsh(h.ssh, ['hosts', i, 'ssh'], e, path, at) : null,
      docker: h.docker ? h.docker.slice('unix://'.length) : DEFAULT_DOCKER_SOCKET,
      sudo: h.sudo ?? false,
      collector: h.collector ?? false,
      checks,
    });
  });
  if (hosts.filter((h) => h.kind === 'local').length > 1) at(['hosts'], 'only one host can be `local: true`');
  const collectors = hosts.filter((h) => h.collector);
  if (collectors.length > 1) at(['hosts'], 'only one host can be `collector: true`');
  // The once-per-run checks run from the machine running Vigil: the marked host, else the local one.
  if (collectors.length === 0) {
    const local = hosts.find((h) => h.kind === 'local');
    if (local) local.collector = true;
  }
  try {
    folderSegments(raw.folder);
  } catch (error) {
    at(['folder'], messageOf(error));
  }

  const checks = { ...defaults.checks };
  for (const [id, value] of Object.entries(raw.checks ?? {})) {
    if (value === undefined) continue;
    const { enabled, timeout, ...options } = value as Record<string, unknown>;
    checks[id as CheckId] = {
      enabled: enabled !== false,
      timeoutMs: typeof timeout === 'number' ? timeout : null,
      options,
    };
  }

  const vault = path(raw.vault, ['vault']);
  const collectorName = hosts.find((h) => h.collector)?.name ?? 'local';
  const jobNames = new Set<string>();
  const backups: BackupJob[] = raw.backups.map((b, i) => {
    const at_ = (key: string, msg: string) => at(['backups', i, key], msg);
    if (jobNames.has(b.name)) at(['backups', i, 'name'], `backup job "${b.name}" is named twice`);
    jobNames.add(b.name);
    const host = b.host ?? collectorName;
    if (b.host && !names.has(b.host)) at_('host', `no host named "${b.host}" in hosts`);
    if (b.kind !== 'files' && !b.repo) at(['backups', i], `a ${b.kind} job needs \`repo:\``);
    if (b.kind === 'files' && !b.path) at(['backups', i], 'a files job needs `path:` (the folder of backup artifacts)');
    if (b.kind === 'restic' && !b.password_file && !b.password_env) at(['backups', i], 'a restic job needs `password_file:` or `password_env:`');
    if (b.kind !== 'restic' && (b.password_file || b.password_env)) at_(b.password_file ? 'password_file' : 'password_env', `only restic jobs take a password; borg uses passphrase_file / passphrase_env`);
    if (b.kind !== 'borg' && (b.passphrase_file || b.passphrase_env)) at_(b.passphrase_file ? 'passphrase_file' : 'passphrase_env', 'only borg jobs take a passphrase');
    if (b.kind === 'files' && b.verify !== undefined) at_('verify', 'files jobs cannot be verified by Vigil; record restore tests instead');
    // A path on another machine is that machine's: ~, $HOME and relative paths would be resolved on this one.
    const jobHost = hosts.find((h) => h.name === host);
    // A host that lists its checks must list the one that looks at this job, or the job would silently go unchecked.
    const checkId = `backup-${b.kind}`;
    if (jobHost?.checks && !jobHost.checks.includes(checkId as CheckId)) at_('kind', `${host} lists its checks without ${checkId}: add it to that host's checks, or this job is never looked at`);
    const remote = jobHost !== undefined && jobHost.kind !== 'local';
    const jobPath = (value: string, key: string): string => {
      if (!remote) return path(value, ['backups', i, key]);
      if (!value.startsWith('/')) at_(key, `${host} is another machine: give an absolute path there (~ and relative paths would be this machine's)`);
      return value;
    };
    const envKey = b.password_env ? 'password_env' : b.passphrase_env ? 'passphrase_env' : null;
    // The value would have to travel to the other machine; Vigil never puts a secret in a command line.
    if (remote && envKey) at_(envKey, `${host} is another machine: this machine's environment does not reach it; use ${envKey.replace('_env', '_file')} with a file on ${host}`);
    const repo = b.repo && /^[/~$.]/.test(b.repo) ? jobPath(b.repo, 'repo') : (b.repo ?? null);
    const where = b.kind === 'files' ? { location: host, local: true } : repoLocation(repo ?? '', host);
    const secretRef = b.password_file ?? b.password_env ?? b.passphrase_file ?? b.passphrase_env ?? null;
    return {
      name: b.name,
      kind: b.kind,
      host,
      repo,
      passwordFile: b.password_file ? jobPath(b.password_file, 'password_file') : b.passphrase_file ? jobPath(b.passphrase_file, 'passphrase_file') : null,
      passwordEnv: b.password_env ?? b.passphrase_env ?? null,
      verify: b.verify ?? false,
      snapshotHost: b.snapshot_host ?? null,
      snapshotPaths: b.snapshot_paths ?? [],
      snapshotTags: b.snapshot_tags ?? [],
      path: b.path ? jobPath(b.path, 'path') : null,
      pattern: b.pattern ?? '*',
      minSize: b.min_size ?? null,
      maxFiles: b.max_files ?? null,
      dataClass: b.data_class,
      copy: {
        media: b.copy.media,
        offsite: b.copy.offsite,
        offline: b.copy.offline,
        immutable: b.copy.immutable,
        mounted: b.copy.mounted ?? (where.local && !b.copy.offline),
        location: b.copy.location ?? where.location,
        credentials: b.copy.credentials ?? (secretRef ? `secret:${secretRef}` : `root@${host}`),
      },
      maxAgeMs: b.max_age,
    };
  });
  const serviceNames = new Set<string>();
  const services: ServiceSettings[] = raw.services.map((s, i) => {
    if (serviceNames.has(s.name)) at(['services', i, 'name'], `service "${s.name}" is named twice`);
    serviceNames.add(s.name);
    s.backups.forEach((job, j) => {
      if (!jobNames.has(job)) at(['services', i, 'backups', j], `no backup job named "${job}" in backups`);
    });
    // Credentials are named ("Vaultwarden: Gitea admin"), never written down: this text is copied into runbooks,
    // Recovery.md and the HTML export. A value that the secret rules recognise is refused, and not repeated here.
    s.credentials.forEach((label, j) => {
      const rule = secretRuleIn(label);
      if (rule) at(['services', i, 'credentials', j], `looks like a secret value (${rule}); name where the credential is kept instead, e.g. "Vaultwarden: Gitea admin account"`);
    });
    return {
      name: s.name,
      kind: s.kind,
      host: s.host ?? null,
      dataClass: s.data_class ?? null,
      backups: s.backups,
      containers: s.containers,
      credentials: s.credentials,
      dependsOn: s.depends_on,
    };
  });
  const restoreTests: RestoreTest[] = raw.restore_tests
    ? raw.restore_tests.map((t, i) => {
        t.jobs?.forEach((job, j) => {
          if (!jobNames.has(job)) at(['restore_tests', i, 'jobs', j], `no backup job named "${job}" in backups`);
        });
        if (t.runbook && !serviceNames.has(t.runbook)) at(['restore_tests', i, 'runbook'], `no service named "${t.runbook}" in services`);
        return {
          name: t.name,
          every: t.every,
          template: t.template ?? 'generic',
          runbook: t.runbook ?? null,
          dataClass: t.data_class ?? null,
          jobs: t.jobs ?? [],
          graceMs: t.grace ?? GRACE[t.every],
        };
      })
    : bindDefaultRunbooks(defaults.restoreTests, services);

  return {
    file,
    vault,
    folder: raw.folder.replace(/^\/+|\/+$/g, ''),
    stateDir: raw.state_dir ? path(raw.state_dir, ['state_dir']) : defaults.stateDir,
    hosts,
    checks,
    run: {
      checkTimeoutMs: raw.run.check_timeout ?? defaults.run.checkTimeoutMs,
      checkTimeoutSet: raw.run.check_timeout !== undefined,
      hostConcurrency: raw.run.host_concurrency ?? defaults.run.hostConcurrency,
      keepReportsDays: raw.run.keep_reports ? Math.ceil(raw.run.keep_reports / 86_400_000) : defaults.run.keepReportsDays,
      staleAfterMs: raw.run.stale_after ?? defaults.run.staleAfterMs,
    },
    incidents: {
      minSeverity: raw.incident_min_severity ?? defaults.incidents.minSeverity,
      resolveAfter: raw.incident_resolve_after ?? defaults.incidents.resolveAfter,
    },
    accept: raw.accept.map((a) => ({ match: a.finding, reason: a.reason, until: a.until })),
    vaultName: raw.vault_name ?? basename(vault),
    notify: {
      ntfy: raw.notify.ntfy
        ? {
            url: raw.notify.ntfy.url,
            tokenEnv: raw.notify.ntfy.token_env ?? null,
            minSeverity: raw.notify.ntfy.min_severity,
            updateOnResolve: raw.notify.ntfy.update_on_resolve,
            weeklyDigest: raw.notify.ntfy.weekly_digest,
            timeoutMs: raw.notify.ntfy.timeout ?? 10_000,
          }
        : null,
    },
    narrator: {
      ollama: raw.narrator.ollama
        ? { host: raw.narrator.ollama.host, model: raw.narrator.ollama.model, timeoutMs: raw.narrator.ollama.timeout ?? 20_000 }
        : null,
    },
    backups,
    restoreTests,
    services,
    exportHtml: raw.export.html ? path(raw.export.html, ['export', 'html']) : null,
    metricsTextfile: raw.metrics.textfile ? path(raw.metrics.textfile, ['metrics', 'textfile']) : null,
  };
}

/**
 * Why a credential label looks like the credential itself, or null. Labels read "Thing: where it is", which the
 * scanner's `password: value` rules would take for an assignment, so those two are left out; the rest of the rules
 * (tokens with a known shape, keys, URLs with a password) apply, plus one heuristic: a word that mixes upper and
 * lower case letters and digits over 10+ characters is a password, not a description.
 */
function secretRuleIn(text: string): string | null {
  const found = labelScanner().scan(Buffer.from(text, 'utf8'))[0]?.rule.id;
  if (found) return found;
  const word = text.split(/[\s,;:()"']+/).find((w) => w.length >= 10 && /[a-z]/.test(w) && /[A-Z]/.test(w) && /\d/.test(w) && !/^https?:/.test(w));
  return word ? 'a password-like word' : null;
}

let scanner: SecretScanner | null = null;
function labelScanner(): SecretScanner {
  scanner ??= new SecretScanner(RULES.filter((r) => r.id !== 'generic-password' && r.id !== 'generic-secret'));
  return scanner;
}
