// `vigil list`: the checks and the hosts.
import { REGISTRY } from '../../checks/registry';
import { loadConfig } from '../../config/load';
import { parseCommand } from '../args';
import { paint, processOutput } from '../output';

/** What runs after the checks, from their facts and the vault (not runnable alone: `vigil check` runs checks). */
export const STAGES: readonly [string, string][] = [
  ['backup-strategy', 'The 3-2-1-1-0 scorecard per data set: copies fresh and healthy today, media, offsite, offline or immutable, tested; hidden coupling between copies.'],
  ['restore-schedule', 'The restore calendar: creates restore-test notes when due, reads their ticks and results back; overdue and failed tests.'],
  ['runbook-coverage', 'Containers, backup jobs and services without a runbook, runbooks never or long unverified, a vault on a machine it is meant to recover.'],
];

/** Print checks and hosts. */
export async function listCommand(argv: string[]): Promise<number> {
  const { values } = parseCommand('list', argv, { json: { type: 'boolean' } });
  const o = processOutput(false, Boolean(values['no-color']));
  const config = await loadConfig(values.config ?? null);
  if (values.json) {
    o.out(
      `${JSON.stringify(
        {
          checks: REGISTRY.map((c) => ({
            id: c.id,
            title: c.title,
            domain: c.domain,
            scope: c.scope,
            enabled: config.checks[c.id]?.enabled !== false,
            description: c.description,
          })),
          hosts: config.hosts.map((h) => ({ name: h.name, kind: h.kind, collector: h.collector, checks: h.checks })),
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  o.out(`${paint(o, 'bold', 'Checks')}\n`);
  const width = Math.max(...REGISTRY.map((c) => c.id.length));
  for (const c of REGISTRY) {
    const off = config.checks[c.id]?.enabled === false ? paint(o, 'gray', ' (disabled)') : '';
    const where = c.scope === 'collector' ? 'once' : 'per host';
    o.out(`  ${c.id.padEnd(width)}  ${where.padEnd(8)}  ${c.description}${off}\n`);
  }
  o.out(`\n${paint(o, 'bold', 'After the checks')} (every run; their findings carry these ids)\n`);
  for (const [id, what] of STAGES) o.out(`  ${id.padEnd(width)}  ${'once'.padEnd(8)}  ${what}\n`);
  o.out(`\n${paint(o, 'bold', 'Hosts')}${config.file ? ` (${config.file})` : ' (no config file: defaults)'}\n`);
  const nameWidth = Math.max(...config.hosts.map((h) => h.name.length));
  for (const h of config.hosts) {
    const where = h.kind === 'ssh' && h.ssh ? `ssh ${h.ssh.user ? `${h.ssh.user}@` : ''}${h.ssh.host}${h.ssh.port !== 22 ? `:${h.ssh.port}` : ''}` : h.kind === 'fixture' ? `fixture ${h.fixture ?? ''}` : 'local';
    o.out(`  ${h.name.padEnd(nameWidth)}  ${where}${h.collector ? '  · runs the once-per-run checks' : ''}\n`);
  }
  return 0;
}
