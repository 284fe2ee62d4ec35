// `vigil init`: a commented starter vigil.yaml (never overwritten), the state directory and the vault folder.
import { mkdir, open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { candidateConfigFiles, loadConfigFile, processEnv } from '../../config/load';
import { ensureDir } from '../../fs/atomic-write';
import { writeStartingNotes } from '../../runbooks/init-notes';
import { parseCommand } from '../args';
import { processOutput } from '../output';

/** The starter config; every line either works as is or is a commented example. */
export function starterConfig(vault: string): string {
  return `# Vigil configuration. Reference: README.md, "Configuration".
# Paths may use ~ and $VARIABLES. Unknown keys are errors, so typos never switch a check off.

vault: ${JSON.stringify(vault)}   # the Obsidian vault the notes go into
folder: Vigil                      # folder inside the vault that Vigil owns
# state_dir: ~/.local/state/vigil  # JSON reports, archive, correlation state, lock

hosts:
  - name: local
    local: true
    # sudo: true                   # allow \`sudo -n\` for root-only reads (needs a sudoers rule)
  # Other machines, over SSH, nothing installed on them (then: vigil trust nas):
  # - name: nas
  #   ssh: { host: 192.168.1.10, user: vigil, key: ~/.ssh/vigil_ed25519 }
  #   docker: unix:///var/run/docker.sock

checks:
  listening-sockets:
    allow: ["*:22/tcp"]            # ADDRESS:PORT[/tcp|udp] that may listen on every interface
  # collector-self:
  #   max_gap: 36h                 # warn when the previous run is older than this

# What to protect and how it is backed up (README, "Backups"):
# backups:
#   - name: photos-usb
#     kind: restic                 # restic | borg | files
#     repo: /mnt/usb/restic
#     password_file: ~/.config/vigil/restic-pass
#     data_class: irreplaceable    # irreplaceable | service-state | rebuild | convenience
#     copy: { media: usb, offline: true }
#     max_age: 8d
#
# The services your runbooks are about (Vigil writes a runbook for each, once):
# services:
#   - name: gitea
#     kind: gitea                  # docker-app | home-assistant | gitea | small-machine | password-vault | nas | generic
#     host: nas
#     data_class: service-state
#     backups: [gitea-dump]
#     credentials: ["Vaultwarden: Gitea admin account"]   # where to find them, never the value
#
# export: { html: ~/Sync/recovery.html }   # an offline copy of the runbook, refreshed by every run

# run:
#   check_timeout: 60s
#   host_concurrency: 8
#   keep_reports: 90d
`;
}

/** Write the starter config; returns the exit code. */
export async function initCommand(argv: string[]): Promise<number> {
  const { values } = parseCommand('init', argv, { vault: { type: 'string' } });
  const o = processOutput(Boolean(values.quiet), Boolean(values['no-color']));
  const env = processEnv();
  const file = resolve(values.config ?? candidateConfigFiles(env).at(-1)!);
  const vault = resolve(values.vault ?? resolve(env.home, 'Obsidian', 'Homelab'));
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  try {
    const handle = await open(file, 'wx', 0o600);
    await handle.writeFile(starterConfig(vault));
    await handle.close();
    o.err(`vigil init: wrote ${file}\n`);
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
    o.err(`vigil init: ${file} already exists; left it as it is\n`);
  }
  const config = await loadConfigFile(file, env);
  await ensureDir(config.stateDir);
  await ensureDir(resolve(config.vault, ...config.folder.split('/')));
  const written = await writeStartingNotes(config, new Date());
  for (const e of written.errors) o.err(`vigil init: could not write ${e.message}\n`);
  o.err(`vigil init: state in ${config.stateDir}, notes in ${resolve(config.vault, config.folder)} (${written.created.length} created)\n`);
  o.err('Next: `vigil doctor`, then `vigil run`, then `vigil schedule` for a daily timer.\n');
  return 0;
}
