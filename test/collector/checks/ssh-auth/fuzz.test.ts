// Fuzz: mutated real auth logs (truncated, binary, enormous lines, hostile strings) through the whole parse path.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newAggregator, resolveOptions, type SshAuthObservation } from '../../../../collector/checks/ssh-auth';
import { analyzeSshAuth } from '../../../../collector/checks/ssh-auth/analyze';
import { forEachLineReversed, LineSplitter } from '../../../../collector/checks/ssh-auth/lines';
import { ParseError } from '../../../../collector/errors/parse-error';
import { mutations } from '../../../helpers/fuzz';

const FIX = join(import.meta.dirname, 'fixtures');
const NOW = new Date(JSON.parse(readFileSync(join(FIX, 'debian-12-sshd-9.2-bruteforce', 'meta.json'), 'utf8')).recorded_at as string);
const OPTIONS = resolveOptions({ known_networks: ['192.168.1.0/24'], expected_sudo_users: ['alex'] });
/** Pieces of the hostile strings the mutations insert, and the typed password in the recording. */
const LEAKS = /onerror|<script>|rm -rf|javascript:|vigil:end|\\u0000|Winter2026/;

/** Feed text as a file (chunked) or as journal output (reversed); ParseError or a summary, nothing else. */
function run(text: string, journal: boolean): string {
  const agg = newAggregator(NOW, OPTIONS);
  if (journal) {
    agg.stats.oversized += forEachLineReversed(text, false, (l) => agg.line(l));
  } else {
    const splitter = new LineSplitter((l) => agg.line(l));
    const bytes = Buffer.from(text, 'latin1');
    for (let i = 0; i < bytes.length; i += 4096) splitter.push(bytes.subarray(i, i + 4096));
    splitter.end();
    agg.stats.oversized += splitter.oversized;
  }
  agg.assertLooksLikeLog('/var/log/auth.log');
  const obs: SshAuthObservation = { ...agg.summary(), origin: 'file', files: [], since: NOW.getTime() - OPTIONS.window, until: NOW.getTime(), damaged: [], journalTruncated: false };
  return JSON.stringify(analyzeSshAuth(obs, OPTIONS, 'nas'));
}

describe('ssh-auth fuzz', () => {
  for (const [name, file, journal] of [
    ['rsyslog RFC 3339', 'debian-12-sshd-9.2-bruteforce/auth.log', false],
    ['rsyslog traditional', 'debian-12-sshd-9.2-bruteforce/auth-traditional.log', false],
    ['journalctl short-iso', 'debian-12-journalctl-252-bruteforce/journalctl.txt', true],
  ] as const) {
    it(`${name}: only a ParseError or findings, and neither quotes the input`, () => {
      for (const input of mutations(readFileSync(join(FIX, file), 'latin1'), 300, file.length)) {
        try {
          const out = run(input, journal);
          expect(out).not.toMatch(LEAKS);
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError);
          expect((error as ParseError).message).toMatch(/^\/var\/log\/auth\.log:\d+: no line has a syslog or journal header/);
        }
      }
    });
  }
});
