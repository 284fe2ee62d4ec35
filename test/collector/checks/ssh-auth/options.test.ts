// The ssh-auth options through the real config loader: defaults, detectors, and mistakes named by file and line.
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../../collector/config/load';
import { ConfigError } from '../../../../collector/errors/config-error';

const env = { env: {}, home: '/home/alex', cwd: '/work' };
const load = (checks: string) => parseConfigText(`vault: /v\nchecks:\n  ssh-auth:\n${checks}`, '/work/vigil.yaml', env);

describe('ssh-auth options', () => {
  it('defaults: auto source, a day, CrowdSec ssh-bf fast, fail2ban sshd slow', () => {
    expect(load('    enabled: true\n').checks['ssh-auth'].options).toEqual({
      source: 'auto',
      window: 86_400_000,
      fast: { kind: 'bucket', capacity: 5, leakMs: 10_000 },
      slow: { kind: 'window', maxRetry: 5, findTimeMs: 600_000 },
      user_enumeration: 5,
      success_after_failures: 5,
      timezone: 'UTC',
    });
  });

  it('takes either detector form, networks in both families, and a zone', () => {
    const o = load(
      [
        '    source: journald',
        '    window: 36h',
        '    known_networks: ["192.168.1.0/24", "fd7a:115c:a1e0::/48", "100.101.12.9"]',
        '    expected_sudo_users: [alex]',
        '    fast: { max_retry: 3, find_time: 1m }',
        '    slow: { capacity: 10, leak: 60s }',
        '    timezone: Europe/Berlin',
        '',
      ].join('\n'),
    ).checks['ssh-auth'].options;
    expect(o).toMatchObject({ source: 'journald', window: 129_600_000, fast: { kind: 'window', maxRetry: 3, findTimeMs: 60_000 }, slow: { kind: 'bucket', capacity: 10, leakMs: 60_000 } });
  });

  it('names the file, line and key of a mistake', () => {
    const problems = (checks: string) => {
      try {
        load(checks);
      } catch (error) {
        return (error as ConfigError).problems.map((p) => `${p.line} ${p.path}: ${p.message}`);
      }
      return [];
    };
    expect(problems('    known_networks: ["192.168.1.0/33"]\n')).toEqual(['4 checks.ssh-auth.known_networks.0: expected an address or CIDR such as 192.168.1.0/24 or fd7a:115c:a1e0::/48']);
    expect(problems('    timezone: Mars/Olympus\n')[0]).toMatch(/^4 checks\.ssh-auth\.timezone: expected an IANA time zone/);
    expect(problems('    log: auth.log\n')[0]).toMatch(/^4 checks\.ssh-auth\.log: expected an absolute path/);
    expect(problems('    fast: { capacity: 5 }\n')[0]).toMatch(/^4 checks\.ssh-auth\.fast/);
  });
});
