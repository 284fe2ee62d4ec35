// The ssh-auth options: where the log comes from, how far back to look, and every threshold with its source.
import * as v from 'valibot';
import { durationSchema } from '../../config/value-schemas';
import { parseNetwork } from './networks';

/**
 * A brute-force detector. A leaky bucket (CrowdSec's model: each failure adds one, the bucket drains one every
 * `leak`, more than `capacity` overflows) or a sliding window (fail2ban's model: `max_retry` failures within
 * `find_time`).
 */
export type Detector =
  | { kind: 'bucket'; capacity: number; leakMs: number }
  | { kind: 'window'; maxRetry: number; findTimeMs: number };

/**
 * Fast default: CrowdSec's crowdsecurity/ssh-bf scenario (type leaky, capacity 5, leakspeed 10s) — a burst of
 * guesses from one address.
 */
export const DEFAULT_FAST = { kind: 'bucket', capacity: 5, leakMs: 10_000 } as const satisfies Detector;

/**
 * Slow default: fail2ban's sshd jail (jail.conf [DEFAULT] maxretry = 5, findtime = 10m). It is the more sensitive of
 * the slow rules: CrowdSec's crowdsecurity/ssh-slow-bf (capacity 10, leakspeed 60s) only overflows above one failure a
 * minute, so anything it catches this window catches too. Users who run CrowdSec can set
 * `slow: { capacity: 10, leak: 60s }` to match it exactly.
 */
export const DEFAULT_SLOW = { kind: 'window', maxRetry: 5, findTimeMs: 600_000 } as const satisfies Detector;

/**
 * More distinct non-existent user names than this from one address is enumeration: CrowdSec's
 * crowdsecurity/ssh-bf_user-enum (leaky, distinct target_user, capacity 5).
 */
export const DEFAULT_USER_ENUMERATION = 5;

/**
 * A login after this many failures from the same address is suspicious: fail2ban's sshd jail would have banned the
 * address at its 5th failure (maxretry = 5), so a source that reached it and then got in is what a ban exists for.
 */
export const DEFAULT_SUCCESS_AFTER_FAILURES = 5;

const bucketSchema = v.strictObject({
  capacity: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000)),
  leak: durationSchema,
});
const windowSchema = v.strictObject({
  // Bounded: the window keeps the last max_retry timestamps per address.
  max_retry: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)),
  find_time: durationSchema,
});

const detectorSchema = v.pipe(
  v.union([bucketSchema, windowSchema], 'expected { capacity, leak } (leaky bucket) or { max_retry, find_time } (window)'),
  v.transform((d): Detector => ('capacity' in d ? { kind: 'bucket', capacity: d.capacity, leakMs: d.leak } : { kind: 'window', maxRetry: d.max_retry, findTimeMs: d.find_time })),
);

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The option entries composed into `checks.ssh-auth` by the config schema. */
export const SSH_AUTH_OPTIONS = {
  /** auto: the syslog file when it exists, else the journal. */
  source: v.optional(v.picklist(['auto', 'file', 'journald'], 'expected auto, file or journald'), 'auto'),
  /** The syslog file; unset = /var/log/auth.log, then /var/log/secure (RHEL family). Rotations beside it are read too. */
  log: v.optional(v.pipe(v.string(), v.regex(/^\//, 'expected an absolute path such as /var/log/auth.log'))),
  /** Only events this recent are looked at: the daily timer looks at one day (an overlap only repeats stable findings). */
  window: v.optional(durationSchema, '24h'),
  /** Where logins are expected from; unset = loopback, private, CGNAT (Tailscale), link-local and ULA ranges. */
  known_networks: v.optional(
    v.array(v.pipe(v.string(), v.check((s) => parseNetwork(s) !== null, 'expected an address or CIDR such as 192.168.1.0/24 or fd7a:115c:a1e0::/48'))),
  ),
  /** Who may use sudo; unset = sudo use is not judged (failures and refusals still are). */
  expected_sudo_users: v.optional(v.array(v.pipe(v.string(), v.minLength(1, 'must not be empty')))),
  fast: v.optional(detectorSchema, { capacity: DEFAULT_FAST.capacity, leak: `${DEFAULT_FAST.leakMs / 1000}s` }),
  slow: v.optional(detectorSchema, { max_retry: DEFAULT_SLOW.maxRetry, find_time: `${DEFAULT_SLOW.findTimeMs / 60_000}m` }),
  user_enumeration: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(200)), DEFAULT_USER_ENUMERATION),
  success_after_failures: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000)), DEFAULT_SUCCESS_AFTER_FAILURES),
  /** The zone of classic syslog timestamps, which carry none (RFC 3339 and journal timestamps carry their own). */
  timezone: v.optional(v.pipe(v.string(), v.check(isTimeZone, 'expected an IANA time zone such as Europe/Berlin')), 'UTC'),
} satisfies v.ObjectEntries;

const optionsSchema = v.object(SSH_AUTH_OPTIONS);

/** The options of the check as the config schema outputs them (durations in ms, detectors normalised). */
export type SshAuthOptions = v.InferOutput<typeof optionsSchema>;

/** Options with every default filled in (what the config would produce from `value`); throws on invalid input. */
export function resolveOptions(value: v.InferInput<typeof optionsSchema> = {}): SshAuthOptions {
  return v.parse(optionsSchema, value);
}
