// Canary test: plant unique secrets, run the built CLI (run and capture) on them, and search every
// output — findings JSON, notes, reports, state, stdout/stderr and the capture fixture — for them.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vigil } from '../../../helpers/cli';
import { tempDir } from '../../../helpers/tmp';
import { leakedPiece, makeCanaries } from './canaries';
import { makeTree } from './tree';

async function everyFile(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(join(e.parentPath, e.name));
  return out;
}

describe('secrets-hygiene canaries through the CLI', () => {
  it('no output of run or capture holds a planted secret, and the capture replays to the same findings', async () => {
    const base = await tempDir();
    const tree = join(base, 'tree');
    const c = makeCanaries(20261123);
    await makeTree(tree, {
      'opt/stacks/app/.env': `${Object.values(c.lines).join('\n')}\n`,
      'opt/stacks/app/blob.bin': Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(c.lines['github-token']!)]),
      'keys/id_ed25519': { text: c.keyFile, mode: 0o644 },
      'Downloads/passwords.csv': c.exportCsv,
    });
    const config = join(base, 'vigil.yaml');
    await writeFile(
      config,
      [
        `vault: ${join(base, 'vault')}`,
        `state_dir: ${join(base, 'state')}`,
        'hosts:',
        '  - name: lab',
        '    local: true',
        'checks:',
        '  secrets-hygiene:',
        `    paths: [${join(tree, 'opt')}]`,
        `    key_paths: [${join(tree, 'keys')}]`,
        `    export_paths: [${join(tree, 'Downloads')}]`,
        '',
      ].join('\n'),
    );
    const run = await vigil(['run', '--config', config, '--only', 'secrets-hygiene', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    const live = report.findings.filter((f: { check: string }) => f.check === 'secrets-hygiene');
    expect(live.filter((f: { evidence: { rule?: string } }) => f.evidence.rule).length).toBe(Object.keys(c.lines).length);
    expect(live.some((f: { title: string }) => f.title.startsWith('Plaintext Chrome export left on lab'))).toBe(true);
    expect(live.some((f: { title: string }) => f.title.startsWith('Private key'))).toBe(true);

    const fixture = join(base, 'lab.json');
    const cap = await vigil(['capture', '--config', config, '--host', 'lab', '--only', 'secrets-hygiene', '--out', fixture]);
    expect(cap.code, cap.stderr).toBe(0);
    const captured = JSON.parse(await readFile(fixture, 'utf8'));
    // The binary was sniffed and dropped: a capture never stores its bytes.
    expect(captured.answers.some((a: { op: string; path?: string }) => a.op === 'read' && a.path?.endsWith('blob.bin'))).toBe(false);

    const outputs: Array<[string, string]> = [
      ['run stdout', run.stdout],
      ['run stderr', run.stderr],
      ['capture stdout', cap.stdout],
      ['capture stderr', cap.stderr],
    ];
    for (const f of [...(await everyFile(join(base, 'vault'))), ...(await everyFile(join(base, 'state'))), fixture]) outputs.push([f, await readFile(f, 'latin1')]);
    expect(outputs.length).toBeGreaterThan(6);
    for (const [name, text] of outputs) expect(leakedPiece(text, c.secrets), name).toBeNull();

    // Same-shape placeholders: the replay finds the same path, line and rule for every secret.
    const replay = await vigil(['replay', fixture, '--config', config, '--only', 'secrets-hygiene', '--json']);
    expect(replay.code, replay.stderr).toBe(0);
    type Ev = Record<string, string | number | boolean | null>;
    const where = (fs: Array<{ check: string; evidence: Ev }>) =>
      fs.filter((f) => f.check === 'secrets-hygiene').map((f) => `${f.evidence.path}:${f.evidence.line ?? ''}:${f.evidence.rule ?? f.evidence.format ?? f.evidence.kind}`).sort();
    expect(where(JSON.parse(replay.stdout).findings)).toEqual(where(live));
    expect(leakedPiece(replay.stdout, c.secrets)).toBeNull();
  }, 60_000);
});
