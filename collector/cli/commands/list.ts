// `vigil list`: the checks and the hosts.
import { REGISTRY } from '../../checks/registry';
import { loadConfig } from '../../config/load';
import { parseCommand } from '../args';
import { paint, processOutput } from '../output';

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
  o.out(`\n${paint(o, 'bold', 'Hosts')}${config.file ? ` (${config.file})` : ' (no config file: defaults)'}\n`);
  for (const h of config.hosts) {
    o.out(`  ${h.name}  ${h.kind}${h.fixture ? ` ${h.fixture}` : ''}${h.collector ? '  runs the once-per-run checks' : ''}\n`);
  }
  return 0;
}
