// Gather for secrets-hygiene: walk, scan and hash in one pass, so the observation never holds a value.
//
// Why scan during gather rather than return file contents for a pure parse step: observations may be
// remembered between runs, logged, or captured in reports, and the raw text of /etc is full of
// secrets. Each file's bytes live only inside the walk's callback; what leaves it is path, line,
// rule id and an HMAC-SHA256 of the value under the installation's secret salt, truncated. The
// scanner itself (scan.ts) stays pure and is what the tests exercise.
import { createHmac } from 'node:crypto';
import { isProbeError } from '../../errors/probe-error';
import type { Host } from '../../host/host';
import { probeExports, type PasswordExport } from './exports';
import { IgnoreList } from './ignore';
import { privateKeyFile, probeKeyFolders, readableByOthers, worldReadableKeys, type KeyCandidate, type KeyFile } from './key-files';
import { RULE_IDS } from './rules';
import { secretBytes, SecretScanner } from './scan';
import { expandRoots, walkFiles, type WalkLimits, type WalkStats } from './walk';

/** Hex characters kept of the HMAC: 64 bits, enough to tell secrets apart, too few to matter if seen. */
const HASH_HEX = 16;

/** One secret found in a file: where and which rule, and its salted hash — never the value. */
export interface SecretHit {
  path: string;
  line: number;
  rule: string;
  hash: string;
  /** The file has the o+r bit. */
  readableByOthers: boolean;
  /** How many times the same value appears in this file. */
  occurrences: number;
}

/** Everything the analyzer needs; nothing in it is a secret. */
export interface SecretsObservation {
  secrets: SecretHit[];
  keys: KeyFile[];
  exports: PasswordExport[];
  scan: WalkStats;
  /** Secrets dropped by ignore entries. */
  ignoredSecrets: number;
}

/** The check's options after defaults (sizes in bytes). */
export interface SecretsOptions {
  paths: string[];
  exclude: string[];
  ignore: string[];
  ignore_file: string | null;
  max_file_size: number;
  max_files: number;
  max_bytes: number;
  max_depth: number;
  export_paths: string[];
  key_paths: string[];
}

/** Files and folders never worth reading: VCS internals, dependencies, and files that exist to hold hashes. */
export const BUILTIN_EXCLUDES: readonly string[] = [
  '.git',
  'node_modules',
  '__pycache__',
  '/etc/shadow',
  '/etc/shadow-',
  '/etc/gshadow',
  '/etc/gshadow-',
  '/etc/ssl/certs',
  '/etc/alternatives',
  // Debian's Chromium ships its own Google API keys here, the same on every install.
  '/etc/chromium.d/apikeys',
];

/** The salted hash that stands for a secret value in findings and ignore entries. */
export function secretHash(salt: string, value: Uint8Array): string {
  return createHmac('sha256', salt).update(value).digest('hex').slice(0, HASH_HEX);
}

/** Inputs of a gather beyond the host. */
export interface GatherInputs {
  options: SecretsOptions;
  salt: string;
  sudo: boolean;
  signal: AbortSignal;
  /** Milliseconds the walk may take before it stops with a partial result. */
  budgetMs: number;
  /** Files read at once. */
  concurrency?: number;
}

async function loadIgnores(host: Host, options: SecretsOptions, signal: AbortSignal): Promise<IgnoreList> {
  const ignore = new IgnoreList();
  ignore.add(options.ignore.join('\n'), '/', RULE_IDS);
  if (options.ignore_file) {
    try {
      const text = (await host.readFile(options.ignore_file, { maxBytes: 1 << 20, signal })).toString('utf8');
      ignore.add(text, options.ignore_file.replace(/\/[^/]*$/, '') || '/', RULE_IDS);
    } catch (error) {
      if (!isProbeError(error, 'ENOENT')) throw error;
    }
  }
  return ignore;
}

/** Walk, scan, hash; then look for world-readable keys and plaintext exports. */
export async function gatherSecrets(host: Host, input: GatherInputs): Promise<SecretsObservation> {
  const { options, signal } = input;
  const ignore = await loadIgnores(host, options, signal);
  const scanner = new SecretScanner();
  const found = new Map<string, SecretHit>();
  const keyCandidates: KeyCandidate[] = [];
  let ignoredSecrets = 0;
  const limits: WalkLimits = {
    maxFiles: options.max_files,
    maxBytes: options.max_bytes,
    maxFileSize: options.max_file_size,
    maxDepth: options.max_depth,
    deadline: performance.now() + input.budgetMs,
    concurrency: input.concurrency ?? 8,
  };
  const roots = await expandRoots(host, options.paths);
  const scan = await walkFiles(
    host,
    roots,
    limits,
    { exclude: [...BUILTIN_EXCLUDES, ...options.exclude], ignore, ruleIds: RULE_IDS, sudo: input.sudo, signal },
    async ({ path, data, ignore: scoped }) => {
      const keyFile = privateKeyFile(data);
      const hits: Array<Omit<SecretHit, 'readableByOthers' | 'occurrences'>> = [];
      for (const span of scanner.scan(data)) {
        // A key in its own file is how keys are kept: what matters there is who can read it (below).
        if (keyFile && span.rule.id === 'private-key') continue;
        const hash = secretHash(input.salt, secretBytes(data, span));
        if (scoped.dropsHit(path, span.rule.id, hash)) ignoredSecrets++;
        else hits.push({ path, line: span.line, rule: span.rule.id, hash });
      }
      if (!keyFile && hits.length === 0) return;
      // Only files that hold something are asked for their mode.
      const stat = await host.stat(path).catch((error: unknown) => {
        if (isProbeError(error, 'ENOTRECORDED')) throw error;
        return null;
      });
      if (keyFile && stat) keyCandidates.push({ path, stat, info: keyFile });
      const open = stat !== null && readableByOthers(stat.mode);
      for (const hit of hits) {
        const key = `${path}\u0000${hit.rule}\u0000${hit.hash}`;
        const seen = found.get(key);
        if (seen) seen.occurrences++;
        else found.set(key, { ...hit, readableByOthers: open, occurrences: 1 });
      }
    },
  );
  keyCandidates.push(...(await probeKeyFolders(host, options.key_paths, signal)));
  const keys = await worldReadableKeys(host, keyCandidates);
  const exports = await probeExports(host, options.export_paths, signal);
  const secrets = [...found.values()].sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.rule.localeCompare(b.rule));
  return { secrets, keys, exports, scan, ignoredSecrets };
}
