// `vigil schedule`: print a systemd service + timer and a cron line that run vigil daily.
import { resolve } from 'node:path';
import { UsageError } from '../../errors/usage-error';
import { parseCommand } from '../args';

/** The units and the cron line for a given time and config (pure, for tests). */
export function scheduleText(at: string, vigil: string, config: string | null): string {
  const [hh, mm] = at.split(':');
  const cfg = config ? ` --config ${config}` : '';
  return `# ~/.config/systemd/user/vigil.service
[Unit]
Description=Vigil homelab security and backup checks
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
ExecStart=${vigil} run --quiet${cfg}
Nice=10
IOSchedulingClass=idle

# ~/.config/systemd/user/vigil.timer
[Unit]
Description=Run Vigil daily

[Timer]
OnCalendar=*-*-* ${hh}:${mm}:00
RandomizedDelaySec=10m
Persistent=true

[Install]
WantedBy=timers.target

# Enable it:
#   systemctl --user daemon-reload && systemctl --user enable --now vigil.timer
#   loginctl enable-linger "$USER"   # so it runs while you are logged out

# Or, with cron (crontab -e):
${Number(mm)} ${Number(hh)} * * * ${vigil} run --quiet${cfg}
`;
}

/** Print the schedule. */
export async function scheduleCommand(argv: string[]): Promise<number> {
  const { values } = parseCommand('schedule', argv, { at: { type: 'string' } });
  const at = values.at ?? '06:15';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(at)) throw new UsageError('schedule: --at takes a time like 06:15');
  const vigil = process.argv[1] ? resolve(process.argv[1]) : 'vigil';
  process.stdout.write(scheduleText(at, vigil, values.config ? resolve(values.config) : null));
  return 0;
}
