// @vitest-environment jsdom
// Code blocks in Recovery.md against the mock API, and hostile note content: everything renders as text, nothing runs.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIXTURE_NOW, HOSTILE, PATHS, richVault } from '../fixtures/rich-vault';
import { boot, run, settle, texts } from './harness';
import { loadWiring, type Wiring } from './load-wiring';

let w: Wiring;
beforeAll(async () => {
  w = await loadWiring();
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: FIXTURE_NOW });
  (window as unknown as { __pwned: (where: string) => void }).__pwned = (where) => {
    throw new Error(`hostile note content executed: ${where}`);
  };
});
afterEach(() => {
  vi.useRealTimers();
});

describe('code blocks', () => {
  it('opens Recovery.md from the command and renders the four blocks live', async () => {
    const { app } = await boot(w, richVault());
    await run(app, 'open-recovery');
    expect(app.workspace.getActiveFile()?.path).toBe(PATHS.recovery);
    const note = app.workspace.getLeavesOfType('markdown')[0]!.view!.containerEl;
    expect(note.querySelector('.vigil-block-status .vigil-status-text')!.textContent).toBe('5 open, worst critical · 2 backups failing · 1 restore overdue');
    expect(texts(note, '.vigil-block-timeline .vigil-block-item .vigil-link')).toHaveLength(5);
    expect(texts(note, '.vigil-block-restore-tests .vigil-block-day')).toEqual(['Overdue (1)', 'Due (2)', 'In progress (1)', 'Failed (1)', 'Passed (1)']);
    expect(texts(note, '.vigil-block-backups .vigil-link')[0]).toBe('gitea-dump');

    // A change in the vault reaches the block without re-opening the note.
    const file = app.vault.getFileByPath(PATHS.giteaBackup)!;
    await app.vault.modify(file, app.vault.readNow(file).replace('status: "failing"', 'status: "ok"'));
    await settle(app);
    expect(note.querySelector('.vigil-block-status .vigil-status-text')!.textContent).toBe('5 open, worst critical · 1 backup failing · 1 restore overdue');

    (note.querySelector('.vigil-block-timeline .vigil-link') as HTMLElement).dispatchEvent(new MouseEvent('mouseover'));
    expect(app.workspace.hovers.at(-1)).toMatchObject({ source: 'vigil-block', sourcePath: PATHS.recovery });
    (note.querySelector('.vigil-block-footer .vigil-action') as HTMLElement).click();
    await settle(app);
    expect(app.workspace.getLeavesOfType('vigil-timeline')[0]!.getViewState().state).toMatchObject({ filter: { kind: 'incident', status: 'open' } });
  });

  it('reports unknown options under the block instead of failing', async () => {
    const files = { ...richVault(), 'Vigil/Odd block.md': '# x\n```vigil-timeline\nhots: nas\nlimit: many\n```\n' };
    const { app } = await boot(w, files);
    await app.workspace.openLinkText('Vigil/Odd block.md', '', false);
    await settle(app);
    expect(texts(document.body, '.vigil-block .vigil-problem')).toEqual([
      'vigil-timeline: line 1: unknown option "hots" (known: host, check, kind, severity, status, q, limit, sort)',
      'vigil-timeline: line 2: limit must be a whole number above 0',
    ]);
  });
});

describe('hostile notes', () => {
  it('render their markup as text in every view and block, and create no elements or links from it', async () => {
    const { app } = await boot(w, richVault());
    await run(app, 'open-timeline');
    const search = document.querySelector<HTMLInputElement>('.vigil-tl-search')!;
    search.value = 'pwned';
    search.dispatchEvent(new Event('input'));
    await run(app, 'open-restore-tests');
    await run(app, 'open-recovery');
    await settle(app);
    for (const leaf of app.workspace.getLeavesOfType('vigil-timeline')) await app.workspace.revealLeaf(leaf);
    await settle(app);
    const body = document.body;
    expect(body.textContent).toContain(HOSTILE.script);
    expect(body.textContent).toContain(HOSTILE.img);
    expect(body.querySelectorAll('script, img, iframe, object, embed')).toHaveLength(0);
    for (const svg of body.querySelectorAll('svg')) expect(svg.getAttribute('class')).toMatch(/^svg-icon lucide-/);
    for (const a of body.querySelectorAll('a')) expect(a.getAttribute('href') ?? '').not.toMatch(/javascript:/i);
    expect([...body.querySelectorAll('*')].some((el) => [...el.attributes].some((at) => /^on/i.test(at.name)))).toBe(false);
    expect(texts(body, '.vigil-rt-step span')).toContain(`${HOSTILE.script} [click me](${HOSTILE.js})`);
    // Every icon slot got a drawing: the plugin asks only for names the icon set has (or falls back).
    const slots = body.querySelectorAll('.vigil-tl-sev, .vigil-block-sev, .vigil-tl-kind-icon, .vigil-statusbar-icon');
    expect(slots.length).toBeGreaterThan(10);
    for (const slot of slots) expect(slot.querySelector('svg')).not.toBeNull();
  });
});
