// secrets-hygiene: secrets written into config files, scripts and .env files; world-readable private
// keys; plaintext password-manager exports left in temp and download folders. Path, line, rule and a
// salted hash only — a value never leaves the gather step.
import * as v from 'valibot';
import { sizeSchema } from '../../config/value-schemas';
import { defineCheck } from '../check';
import { analyzeSecrets } from './analyze';
import { gatherSecrets, type SecretsObservation, type SecretsOptions } from './probe';

/** Default time budget: a large /etc and a few compose folders scan in seconds; SSH hosts take longer. */
const TIMEOUT_MS = 300_000;
/** The walk stops at this share of the budget, so a slow host yields a partial scan, not a timeout. */
const WALK_SHARE = 0.8;

/**
 * Where homelab secrets live: system config, compose stacks (/opt/stacks is Dockge's default, /srv and
 * ~/docker are common, /volume1/docker is Synology's), and admin scripts.
 */
export const DEFAULT_PATHS = [
  '/etc',
  '/opt',
  '/srv',
  '/usr/local/bin',
  '/usr/local/sbin',
  '/usr/local/etc',
  '/root/bin',
  '/root/scripts',
  '/root/docker',
  '/home/*/docker',
  '/home/*/stacks',
  '/home/*/bin',
  '/home/*/scripts',
  '/volume1/docker',
];

/** Where exports get forgotten: temp folders and every user's Downloads. */
export const DEFAULT_EXPORT_PATHS = ['/tmp', '/var/tmp', '/dev/shm', '/home/*/Downloads', '/home/*/Desktop', '/root', '/root/Downloads'];

/** Where private keys are kept: checked for world-readable files even outside `paths`. */
export const DEFAULT_KEY_PATHS = ['/home/*/.ssh', '/root/.ssh', '/etc/ssh', '/etc/ssl/private'];

const absolute = v.pipe(v.string(), v.regex(/^\//, 'expected an absolute path (globs like /home/*/docker are allowed)'));
const count = (min: number) => v.pipe(v.number(), v.integer(), v.minValue(min));

/** The check: options, a gather that scans and hashes, a pure analyzer. */
export const secretsHygiene = defineCheck<SecretsObservation, SecretsOptions>({
  id: 'secrets-hygiene',
  title: 'Secrets hygiene',
  domain: 'security',
  scope: 'host',
  description: 'Secrets in config files, scripts and .env files (path, line, rule, salted hash), world-readable private keys, plaintext password exports.',
  timeoutMs: TIMEOUT_MS,
  options: {
    paths: v.optional(v.array(absolute), DEFAULT_PATHS),
    exclude: v.optional(v.array(v.string()), []),
    ignore: v.optional(v.array(v.string()), []),
    ignore_file: v.optional(v.nullable(absolute), null),
    // Configs, scripts and .env files are kilobytes; bigger files are logs, databases and media.
    max_file_size: v.optional(sizeSchema, 2 * 1024 * 1024),
    max_files: v.optional(count(1), 50_000),
    max_bytes: v.optional(sizeSchema, 512 * 1024 * 1024),
    max_depth: v.optional(count(0), 16),
    export_paths: v.optional(v.array(absolute), DEFAULT_EXPORT_PATHS),
    key_paths: v.optional(v.array(absolute), DEFAULT_KEY_PATHS),
  },
  async gather({ host, hostConfig, options, config, signal, salt }) {
    const timeoutMs = config.checks['secrets-hygiene']?.timeoutMs ?? TIMEOUT_MS;
    const data = await gatherSecrets(host, { options, salt, sudo: hostConfig.sudo, signal, budgetMs: timeoutMs * WALK_SHARE });
    return { status: 'data', data };
  },
  analyze(obs, { host, now }) {
    return analyzeSecrets(obs, host, now);
  },
});
