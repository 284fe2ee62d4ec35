// The one schema of vigil.yaml: every key, its type and default. Unknown keys are errors.
import * as v from 'valibot';
import { HOST_NAME_PATTERN } from '../../shared/ids';
import { SEVERITIES } from '../../shared/severity';
import { REGISTRY } from '../checks/registry';
import { durationSchema, nonEmpty, sizeSchema } from './value-schemas';

const checkIds = REGISTRY.map((c) => c.id);

const portSchema = v.pipe(v.number(), v.integer('expected a whole number'), v.minValue(1, 'expected a port 1-65535'), v.maxValue(65535, 'expected a port 1-65535'));

/** How to reach a remote host over SSH. */
const sshSchema = v.strictObject({
  host: nonEmpty,
  port: v.optional(portSchema),
  user: v.optional(nonEmpty),
  key: v.optional(nonEmpty),
  key_passphrase_env: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected the name of an environment variable'))),
  agent: v.optional(v.union([v.boolean(), nonEmpty], 'expected true or the path of an agent socket')),
  known_hosts: v.optional(nonEmpty),
  connect_timeout: v.optional(durationSchema),
  command_timeout: v.optional(durationSchema),
});

const hostSchema = v.strictObject({
  name: v.pipe(v.string(), v.regex(HOST_NAME_PATTERN, 'host names use letters, digits, ".", "_" and "-" (at most 63)')),
  local: v.optional(v.literal(true, 'expected true (omit the key for a remote host)')),
  fixture: v.optional(nonEmpty),
  ssh: v.optional(sshSchema),
  docker: v.optional(
    v.pipe(v.string(), v.regex(/^unix:\/\/\/.+/, 'expected a unix socket URL like unix:///var/run/docker.sock')),
  ),
  sudo: v.optional(v.boolean()),
  collector: v.optional(v.boolean()),
  checks: v.optional(v.array(v.picklist(checkIds))),
});

function checkSchema(entries: v.ObjectEntries) {
  return v.strictObject({
    enabled: v.optional(v.boolean(), true),
    timeout: v.optional(durationSchema),
    ...entries,
  });
}

/** The check section: one optional entry per registered check. */
const checksSchema = v.strictObject(
  Object.fromEntries(REGISTRY.map((c) => [c.id, v.optional(checkSchema(c.options))])) as Record<string, v.GenericSchema>,
);

const envName = v.pipe(v.string(), v.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected the name of an environment variable'));

/** Data classes from the user's backup strategy (irreplaceable → convenience). */
export const DATA_CLASSES = ['irreplaceable', 'service-state', 'rebuild', 'convenience'] as const;

/** What a backup copy is, for the 3-2-1-1-0 score and the failures it survives. */
const copySchema = v.strictObject({
  media: nonEmpty,
  offsite: v.optional(v.boolean(), false),
  offline: v.optional(v.boolean(), false),
  immutable: v.optional(v.boolean(), false),
  /** Always mounted on a machine (ransomware on that machine reaches it). */
  mounted: v.optional(v.boolean()),
  /** Where the copy physically is (a host name or a label like "b2", "usb-a"); defaults from the repository. */
  location: v.optional(nonEmpty),
  /** A label for the credentials that can delete it (two copies behind one credential fail together). */
  credentials: v.optional(nonEmpty),
});

/** One backup job. `kind` decides which of the other keys apply (checked in load.ts). */
const backupSchema = v.strictObject({
  name: v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9._ -]{0,62}$/, 'job names use letters, digits, space, ".", "_" and "-"')),
  kind: v.picklist(['restic', 'borg', 'files']),
  host: v.optional(nonEmpty),
  repo: v.optional(nonEmpty),
  password_file: v.optional(nonEmpty),
  password_env: v.optional(envName),
  passphrase_file: v.optional(nonEmpty),
  passphrase_env: v.optional(envName),
  verify: v.optional(v.union([v.boolean(), nonEmpty])),
  snapshot_host: v.optional(nonEmpty),
  snapshot_paths: v.optional(v.array(nonEmpty)),
  snapshot_tags: v.optional(v.array(nonEmpty)),
  path: v.optional(nonEmpty),
  pattern: v.optional(nonEmpty),
  min_size: v.optional(sizeSchema),
  max_files: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  data_class: v.picklist(DATA_CLASSES),
  copy: copySchema,
  max_age: durationSchema,
});

/** The restore calendar. */
const restoreTestSchema = v.strictObject({
  name: nonEmpty,
  every: v.picklist(['monthly', 'quarterly', 'yearly']),
  template: v.optional(v.picklist(['random-file', 'docker-app', 'home-assistant', 'lose-the-nas', 'generic'])),
  runbook: v.optional(nonEmpty),
  data_class: v.optional(v.picklist(DATA_CLASSES)),
  jobs: v.optional(v.array(nonEmpty)),
  grace: v.optional(durationSchema),
});

/** Service kinds the runbook templates know. */
export const SERVICE_KINDS = ['docker-app', 'home-assistant', 'gitea', 'small-machine', 'password-vault', 'nas', 'generic'] as const;

/** A service the runbooks are about. */
const serviceSchema = v.strictObject({
  name: v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9._ -]{0,62}$/, 'service names use letters, digits, space, ".", "_" and "-"')),
  kind: v.picklist(SERVICE_KINDS),
  host: v.optional(nonEmpty),
  data_class: v.optional(v.picklist(DATA_CLASSES)),
  backups: v.optional(v.array(nonEmpty), []),
  containers: v.optional(v.array(nonEmpty), []),
  credentials: v.optional(v.array(nonEmpty), []),
  depends_on: v.optional(v.array(nonEmpty), []),
});

/** The raw top-level schema (before paths and defaults are resolved). */
export const configSchema = v.strictObject({
  vault: nonEmpty,
  folder: v.optional(nonEmpty, 'Vigil'),
  state_dir: v.optional(nonEmpty),
  hosts: v.optional(v.pipe(v.array(hostSchema), v.minLength(1, 'list at least one host'))),
  checks: v.optional(checksSchema, {}),
  run: v.optional(
    v.strictObject({
      check_timeout: v.optional(durationSchema),
      host_concurrency: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(64))),
      keep_reports: v.optional(durationSchema),
      stale_after: v.optional(durationSchema),
    }),
    {},
  ),
  incident_min_severity: v.optional(v.picklist(SEVERITIES)),
  incident_resolve_after: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1, 'at least 1 run'), v.maxValue(100))),
  accept: v.optional(
    v.array(
      v.strictObject({
        finding: nonEmpty,
        reason: nonEmpty,
        until: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')),
      }),
    ),
    [],
  ),
  vault_name: v.optional(nonEmpty),
  backups: v.optional(v.array(backupSchema), []),
  restore_tests: v.optional(v.array(restoreTestSchema)),
  services: v.optional(v.array(serviceSchema), []),
  export: v.optional(v.strictObject({ html: v.optional(nonEmpty) }), {}),
  metrics: v.optional(v.strictObject({ textfile: v.optional(nonEmpty) }), {}),
  notify: v.optional(
    v.strictObject({
      ntfy: v.optional(
        v.strictObject({
          url: v.pipe(v.string(), v.regex(/^https?:\/\/[^/]+\/[-_A-Za-z0-9]{1,64}$/, 'expected the topic URL, like https://ntfy.example.org/homelab')),
          token_env: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected the name of an environment variable'))),
          min_severity: v.optional(v.picklist(SEVERITIES), 'high'),
          update_on_resolve: v.optional(v.boolean(), true),
          weekly_digest: v.optional(v.boolean(), false),
          timeout: v.optional(durationSchema),
        }),
      ),
    }),
    {},
  ),
  narrator: v.optional(
    v.strictObject({
      ollama: v.optional(
        v.strictObject({
          host: v.pipe(v.string(), v.regex(/^https?:\/\//, 'expected a URL like http://127.0.0.1:11434')),
          model: nonEmpty,
          timeout: v.optional(durationSchema),
        }),
      ),
    }),
    {},
  ),
});

/** The raw config as the schema outputs it. */
export type RawConfig = v.InferOutput<typeof configSchema>;

/** Options of one check after defaults, as the schema outputs them. */
export function parseCheckOptions(entries: v.ObjectEntries, value: unknown): v.SafeParseResult<v.GenericSchema> {
  return v.safeParse(checkSchema(entries), value ?? {});
}
