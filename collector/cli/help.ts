// Help texts: the overview and one per command.

export const OVERVIEW = `vigil — security and backup checks for a homelab, written as Obsidian notes

Usage: vigil <command> [options]

Commands:
  run              run every check on every host; write the report and the notes (the main job)
  check ID         run one check and print its findings (writes nothing)
  list             list the checks and the configured hosts
  capture          record what a host answers into a fixture file
  replay FIXTURE…  run every check against recorded fixtures
  demo             build a demo vault from the bundled sample homelab
  init             write a starter vigil.yaml and create the vault folder
  doctor           check the config, the state directory, the vault and every host
  schedule         print a systemd timer and a cron line that run vigil daily
  trust HOST       show an SSH host's key fingerprint and pin it
  export-runbook   write Recovery.md, the runbooks and the status as one offline HTML file

Common options:
  -c, --config FILE   the config file (default: $VIGIL_CONFIG, ./vigil.yaml, ~/.config/vigil/vigil.yaml)
  -q, --quiet         print nothing unless something goes wrong
      --no-color      no colours
  -h, --help          help for a command: vigil help run

Exit codes: 0 ran, 1 ran and found something at or above --fail-on, 2 could not run.
`;

export const COMMAND_HELP: Record<string, string> = {
  run: `Usage: vigil run [options]

Runs every enabled check on every configured host, writes the JSON report to state_dir
(latest.json and an archived copy) and the notes into the vault. With no config file it
audits this machine read-only with safe defaults and writes to ./vigil-vault.

Options:
  -c, --config FILE       config file
      --vault DIR         write to this vault instead of the configured one
      --only ID,ID        run only these checks
      --host NAME         run only on this host
      --json              print the run report as JSON on stdout
      --no-notify         send no notifications
      --dry-run           run the checks but write nothing at all
      --fail-on SEVERITY  exit 1 when a finding is at or above SEVERITY
  -q, --quiet             print nothing unless something goes wrong
`,
  check: `Usage: vigil check ID [--host NAME] [--json]

Runs one check and prints its findings. Writes nothing: no notes, no report, no state.

Options:
  -c, --config FILE   config file
      --host NAME     only this host
      --json          findings as JSON
`,
  list: `Usage: vigil list [--json]

Lists every check (id, where it runs, what it looks at) and the configured hosts.
`,
  capture: `Usage: vigil capture [--host NAME] [--only ID,ID] [--out FILE]

Runs the checks against a host while recording every question and answer, and writes
them as a fixture (JSON, mode 0600). Secret values found in recorded text are replaced by
placeholders of the same shape. Replay it with: vigil replay FILE

Options:
  -c, --config FILE   config file
      --host NAME     the host to record (default: the local one)
      --only ID,ID    record only these checks
      --out FILE      where to write (default: ./vigil-fixture-HOST-DATE.json)
      --json          also print the live run's report (what a replay must reproduce)
`,
  replay: `Usage: vigil replay FIXTURE [FIXTURE…] [--vault DIR] [--json] [--strict]

Runs every check against recorded fixtures instead of live hosts, judged at the time each
fixture was captured. Prints the findings; with --vault also writes the notes there.

Options:
      --vault DIR   write notes to this vault (its state stays in Vigil's state directory)
      --only ID,ID  replay only these checks
      --json        print the run report as JSON
      --strict      fail a check that asks something the fixture did not record
`,
  demo: `Usage: vigil demo [--vault DIR]

Runs every check against the bundled fixtures of a sample homelab (a Synology NAS, an
Ubuntu Docker host that runs Vigil, a Raspberry Pi network box) and writes a demo vault
with the Obsidian plugin installed and enabled. Open the folder as a vault in Obsidian.

Options:
      --vault DIR   where to write the demo vault (default: ./vigil-demo)

The demo's run reports and state go to Vigil's state directory
($XDG_STATE_HOME/vigil or ~/.local/state/vigil), in a demo-… folder, never into the vault.
`,
  init: `Usage: vigil init [--config FILE] [--vault DIR]

Writes a commented starter vigil.yaml (never overwrites one) and creates the state
directory and the vault folder.
`,
  doctor: `Usage: vigil doctor [--config FILE]

Checks the config, the state directory, the vault folder and every host, and prints what
to fix. Exit 0 when everything is usable, 2 otherwise.
`,
  trust: `Usage: vigil trust HOST [--yes] [--replace]

Connects to an SSH host from the config, shows the fingerprint of the key it presents and,
once you confirm (or with --yes), pins it in the host's known_hosts file (Vigil's own,
~/.config/vigil/known_hosts by default; OpenSSH format, hashed). Vigil refuses hosts whose key
is not pinned, and treats a changed key as critical until you re-run with --replace.

Options:
  -c, --config FILE   config file
  -y, --yes           do not ask (compare the fingerprint first!)
      --replace       replace a pinned key that changed (after a reinstall)
`,
  'export-runbook': `Usage: vigil export-runbook --out FILE [--vault DIR] [--config FILE]

Writes Recovery.md, every runbook, the backup notes and the status at export time into one
self-contained HTML file: no external resources, works from file:// with the network off,
readable on a phone, with a print layout for the binder on the shelf. Checklists can be
ticked; the ticks are remembered by the browser. Set export.html in vigil.yaml to refresh a
copy after every run (a USB stick, a synced folder).

Options:
  -o, --out FILE      where to write (required)
      --vault DIR     the vault (default: the configured one)
`,
  schedule: `Usage: vigil schedule [--at HH:MM] [--config FILE]

Prints a systemd service and timer, and an equivalent cron line, that run vigil daily.

Options:
      --at HH:MM   time of day (default 06:15)
`,
};
