// @vitest-environment jsdom
// The restore tests view against the mock API: progress from the cache, ticks through Vault.process, start and record.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIXTURE_NOW, PATHS, richVault } from '../fixtures/rich-vault';
import { boot, run, settle, texts, viewEl } from './harness';
import { loadWiring, type Wiring } from './load-wiring';

let w: Wiring;
beforeAll(async () => {
  w = await loadWiring();
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: FIXTURE_NOW });
});
afterEach(() => {
  vi.useRealTimers();
});

function card(root: HTMLElement, path: string): HTMLElement {
  const el = Array.from(root.querySelectorAll<HTMLElement>('.vigil-rt-card')).find((c) => c.dataset.path === path);
  if (!el) throw new Error(`no card for ${path}`);
  return el;
}

/** Positions where two texts differ. */
function diff(a: string, b: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) out.push(i);
  return out;
}

describe('restore tests view', () => {
  it('lists overdue, due, in progress, failed and passed tests with progress from the metadata cache', async () => {
    const { app } = await boot(w, richVault());
    await run(app, 'open-restore-tests');
    const root = viewEl(app, 'vigil-restore-tests');
    expect(texts(root, '.vigil-rt-section-title > span:first-child')).toEqual(['Overdue', 'Due', 'In progress', 'Failed', 'Passed']);
    expect(card(root, PATHS.haOverdue).textContent).toContain('9 days overdue');
    const gitea = card(root, PATHS.giteaInProgress);
    expect(gitea.querySelector('.vigil-rt-count')!.textContent).toBe('2 of 4 steps');
    expect(texts(gitea, '.vigil-rt-step span')).toEqual([
      'Restore the gitea dump into a temporary directory',
      'Start gitea from the restored app.ini',
      'Check git push over SSH works',
      'Compare repository count with the original',
    ]);
  });

  it('ticks a step from the view by editing exactly one character of that line, CRLF and tabs intact', async () => {
    const { app } = await boot(w, richVault());
    await run(app, 'open-restore-tests');
    const root = viewEl(app, 'vigil-restore-tests');
    const file = app.vault.getFileByPath(PATHS.giteaInProgress)!;
    const before = app.vault.readNow(file);
    card(root, PATHS.giteaInProgress).querySelector<HTMLInputElement>('[data-step="step-3"] input')!.click();
    await settle(app);
    const after = app.vault.readNow(file);
    expect(diff(before, after)).toHaveLength(1);
    expect(after).toContain('\t- [x] Check git push over SSH works ^step-3\r\n');
    expect(card(viewEl(app, 'vigil-restore-tests'), PATHS.giteaInProgress).querySelector('.vigil-rt-count')!.textContent).toBe('3 of 4 steps');
  });

  it('refuses a tick when the note changed since the view showed it, and says so', async () => {
    const { app } = await boot(w, richVault());
    await run(app, 'open-restore-tests');
    const root = viewEl(app, 'vigil-restore-tests');
    const file = app.vault.getFileByPath(PATHS.documentsDue)!;
    const box = card(root, PATHS.documentsDue).querySelector<HTMLInputElement>('[data-step="step-1"] input')!;
    // Ticked in the editor a moment ago; the view has not caught up yet (no settle in between).
    const ticked = app.vault.readNow(file).replace('- [ ] Pick', '- [x] Pick');
    await app.vault.modify(file, ticked);
    box.click();
    await settle(app);
    expect(app.vault.readNow(file)).toBe(ticked);
    expect(w.notices.at(-1)).toMatch(/changed in the note meanwhile/);
  });

  it('reflects a tick made in the note itself (the reading view checkbox) at once', async () => {
    const { app } = await boot(w, richVault());
    await run(app, 'open-restore-tests');
    await app.workspace.openLinkText(PATHS.documentsDue, '', 'split');
    await settle(app);
    const note = app.workspace.getLeavesOfType('markdown')[0]!.view!.containerEl;
    note.querySelectorAll<HTMLInputElement>('input.task-list-item-checkbox')[1]!.click();
    await settle(app);
    await app.workspace.revealLeaf(app.workspace.getLeavesOfType('vigil-restore-tests')[0]!);
    await settle(app);
    expect(card(viewEl(app, 'vigil-restore-tests'), PATHS.documentsDue).querySelector('.vigil-rt-count')!.textContent).toBe('1 of 4 steps');
  });

  it('starts a test and records its result with processFrontMatter: status, result, completed, duration', async () => {
    const { app } = await boot(w, richVault());
    await run(app, 'open-restore-tests');
    const root = viewEl(app, 'vigil-restore-tests');
    card(root, PATHS.documentsDue).querySelector<HTMLButtonElement>('button.mod-cta')!.click();
    await settle(app);
    const fm = () => app.metadataCache.getCache(PATHS.documentsDue)!.frontmatter!;
    expect(fm()).toMatchObject({ status: 'in-progress', started: '2026-11-23T07:00:00Z', result: null });
    vi.setSystemTime(new Date(FIXTURE_NOW.getTime() + 85 * 60_000));
    card(viewEl(app, 'vigil-restore-tests'), PATHS.documentsDue).querySelector<HTMLButtonElement>('button.vigil-rt-pass')!.click();
    await settle(app);
    expect(fm()).toMatchObject({ status: 'passed', result: 'passed', completed: '2026-11-23T08:25:00Z', duration: '1h 25m' });
    const text = app.vault.readNow(app.vault.getFileByPath(PATHS.documentsDue)!);
    expect(text).toContain('- [ ] Pick a random document from the NAS share ^step-1');
    expect(w.notices.at(-1)).toBe('Vigil: restore test recorded as passed.');
  });

  it('runs the same actions from the command palette: on the active note, or through a picker', async () => {
    const { app } = await boot(w, richVault());
    await app.workspace.openLinkText(PATHS.giteaInProgress, '', false);
    await settle(app);
    expect(await run(app, 'tick-next-step')).toBe(true);
    expect(app.metadataCache.getCache(PATHS.giteaInProgress)!.listItems!.filter((l) => l.task === 'x')).toHaveLength(3);
    await run(app, 'record-restore-failed');
    expect(app.metadataCache.getCache(PATHS.giteaInProgress)!.frontmatter).toMatchObject({ status: 'failed', result: 'failed', duration: '1h 10m' });

    await app.workspace.openLinkText(PATHS.critical, '', false);
    await settle(app);
    expect(await run(app, 'tick-next-step')).toBe(false);
    await run(app, 'start-restore-test');
    const picker = app.openModals[0] as unknown as InstanceType<Wiring['obsidian']['FuzzySuggestModal']>;
    expect(picker.shown().items).toEqual(expect.arrayContaining(['Quarterly Home Assistant restore (overdue)', 'Monthly document restore (due)']));
    picker.choose('Quarterly Home Assistant');
    await settle(app);
    expect(app.metadataCache.getCache(PATHS.haOverdue)!.frontmatter).toMatchObject({ status: 'in-progress' });

    // Any step, not only the next one: the picker shows each step's text and flips the chosen one.
    await app.workspace.openLinkText(PATHS.giteaInProgress, '', false);
    await settle(app);
    const ticked = () => app.metadataCache.getCache(PATHS.giteaInProgress)!.listItems!.filter((l) => l.task === 'x').length;
    const before = ticked();
    await run(app, 'toggle-step');
    const steps = app.openModals.at(-1) as unknown as { shown(): { items: string[] }; choose(text: string): void };
    const items = steps.shown().items;
    expect(items.every((i) => /^[☑☐] \S/.test(i))).toBe(true);
    const done = items.find((i) => i.startsWith('☑'))!;
    steps.choose(done);
    await settle(app);
    expect(ticked()).toBe(before - 1);
    expect(app.vault.readNow(app.vault.getFileByPath(PATHS.giteaInProgress)!)).toContain(`* [ ] ${done.slice(2)} ^step-1`);
    await app.workspace.openLinkText(PATHS.critical, '', false);
    await settle(app);
    expect(await run(app, 'toggle-step')).toBe(false);

    expect(await run(app, 'acknowledge-incident')).toBe(true);
    expect(app.metadataCache.getCache(PATHS.critical)!.frontmatter).toMatchObject({ status: 'acknowledged' });
    expect(await run(app, 'acknowledge-incident')).toBe(false);
  });
});
