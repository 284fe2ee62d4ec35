// The backup stage reads restore-test notes as the user left them: dates that are missing, in the future, or broken.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeBackups } from '../../../collector/backups/backup-stage';
import { defaultConfig } from '../../../collector/config/load';
import { tempDir } from '../../helpers/tmp';

const NOW = new Date('2026-11-23T06:15:00Z');
const MONTHLY = 'Monthly random file from NAS and cloud';

/** A vault folder with the given restore-test notes, and the stage's view of it. */
async function stage(notes: Record<string, string>) {
  const root = await tempDir('vigil-stage-');
  mkdirSync(join(root, 'Restore tests'), { recursive: true });
  for (const [name, text] of Object.entries(notes)) writeFileSync(join(root, 'Restore tests', name), text);
  const config = { ...defaultConfig(), services: [{ name: 'nas', kind: 'nas' as const, host: null, dataClass: null, backups: [], containers: [], credentials: [], dependsOn: [] }] };
  const result = await computeBackups({ config, root, facts: {}, previous: undefined, now: NOW, collectorHost: 'local' });
  return { root, result };
}

const note = (fm: string) => `---\nvigil: "restore-test"\nvigil_schema: 1\ntest: "${MONTHLY}"\nevery: "monthly"\ndue: "2026-11-30"\n${fm}---\n# Restore\n\n- [x] Pick a file ^step-1\n`;

describe('restore notes read back by the backup stage', () => {
  it('dates a pass without `completed` at the start of its period, never in the future', async () => {
    const { result } = await stage({ '2026-11 Monthly.md': note('result: "passed"\n') });
    const monthly = result.restores.find((r) => r.test.name === MONTHLY)!;
    expect(monthly.status).toBe('passed');
    expect(monthly.lastPassed).toBe('2026-11-01');
    expect(result.section.lastPassed[MONTHLY]).toBe('2026-11-01');
  });

  it('reads a completion date in the future (a typo) as now', async () => {
    const { result } = await stage({ '2026-11 Monthly.md': note('result: "passed"\ncompleted: "2062-11-22"\n') });
    expect(result.section.lastPassed[MONTHLY]).toBe(NOW.toISOString());
  });

  it('a note whose properties do not parse is a finding naming it, and the note is left exactly as it was', async () => {
    const broken = '---\nvigil: "restore-test"\ntest: "Monthly\nresult: passed: yes\n---\n# My notes from the restore\n';
    const { root, result } = await stage({ '2026-11 Monthly.md': broken });
    const finding = result.findings.find((f) => f.check === 'restore-schedule' && f.id.includes('unreadable'));
    expect(finding).toMatchObject({ severity: 'medium', title: 'Restore test note Restore tests/2026-11 Monthly.md has properties Vigil cannot read: its result does not count' });
    expect(finding!.evidence.problem).toMatch(/line \d+/);
    expect(readFileSync(join(root, 'Restore tests', '2026-11 Monthly.md'), 'utf8')).toBe(broken);
  });
});
