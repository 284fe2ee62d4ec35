// The BUILT main.js in headless Chromium, in a host page over a real vault on disk served from 127.0.0.1: timeline,
// filters, click-through, a restore tick verified on disk, hostile notes, zero foreign requests, screenshots.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, HOSTILE, PATHS, richVault } from '../fixtures/rich-vault';
import { buildHostScript, startHostServer, type HostServer } from './serve-host';
import { IN_CI } from '../../helpers/binaries';

const ROOT = resolve(import.meta.dirname, '../../..');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];
const SHOTS = join(ROOT, 'test-output', 'screenshots');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const available = existsSync(CHROMIUM);
if (!available) {
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: apt-get install chromium fonts-dejavu-core`);
  console.warn(`skipping the Chromium layer: ${CHROMIUM} is not installed (apt-get install chromium)`);
}

let browser: Browser;
let tmp: string;
let rich: HostServer;
let demo: HostServer | null = null;
const foreign: string[] = [];
const pageErrors: string[] = [];

interface Opened {
  page: Page;
  context: BrowserContext;
  close: () => Promise<void>;
}

async function open(server: HostServer, o: { theme?: 'light' | 'dark'; phone?: boolean } = {}): Promise<Opened> {
  const context = await browser.newContext({
    viewport: o.phone ? PHONE : DESKTOP,
    deviceScaleFactor: o.phone ? 2 : 1,
    isMobile: o.phone ?? false,
    hasTouch: o.phone ?? false,
    timezoneId: 'UTC',
    locale: 'en-GB',
    colorScheme: o.theme ?? 'light',
    serviceWorkers: 'block',
  });
  // Everything not addressed to our server is blocked and counted; the assertion is that the list stays empty.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${server.origin}/`)) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  page.on('dialog', (d) => {
    pageErrors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.clock.setFixedTime(FIXTURE_NOW);
  await page.goto(`${server.origin}/host.html?theme=${o.theme ?? 'light'}${o.phone ? '&mobile=1' : ''}`);
  await page.waitForFunction(() => (window as unknown as { vigilHost?: { ready: boolean } }).vigilHost?.ready === true);
  return { page, context, close: () => context.close() };
}

const host = (page: Page, script: string) => page.evaluate(`(async (h) => { ${script} })(window.vigilHost)`);
const command = async (page: Page, id: string) => {
  await host(page, `h.runCommand(${JSON.stringify(id)}); await h.settled();`);
  await page.waitForTimeout(120);
};
const shot = async (page: Page, name: string) => {
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
};

describe.skipIf(!available)('main.js in Chromium', () => {
  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'main.js'))) throw new Error('main.js is missing: run `npm run build` first');
    mkdirSync(SHOTS, { recursive: true });
    tmp = mkdtempSync(join(tmpdir(), 'vigil-chromium-'));
    for (const [path, text] of Object.entries(richVault())) {
      mkdirSync(dirname(join(tmp, 'rich', path)), { recursive: true });
      writeFileSync(join(tmp, 'rich', path), text);
    }
    const hostJs = join(tmp, 'host.js');
    buildHostScript(hostJs);
    rich = await startHostServer(join(tmp, 'rich'), hostJs);
    if (existsSync(join(ROOT, 'dist', 'vigil.mjs'))) {
      const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'vigil.mjs'), 'demo', '--vault', join(tmp, 'demo')], {
        encoding: 'utf8',
        env: { ...process.env, XDG_STATE_HOME: join(tmp, 'state'), XDG_CONFIG_HOME: join(tmp, 'config') },
      });
      if (r.status === 0) demo = await startHostServer(join(tmp, 'demo'), hostJs);
      else if (IN_CI) throw new Error(`the demo vault could not be built:\n${r.stderr}`);
      else console.warn(`the demo vault could not be built, its test is skipped:\n${r.stderr}`);
    } else if (IN_CI) throw new Error('dist/vigil.mjs is missing: run `npm run build` first');
    else console.warn('dist/vigil.mjs is missing (npm run build): the demo vault test is skipped');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await rich?.close();
    await demo?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('loads main.js like Obsidian, with no vault scan during onload, and renders the timeline in light and dark, desktop and phone', async () => {
    for (const theme of ['light', 'dark'] as const) {
      for (const phone of [false, true]) {
        const { page, close } = await open(rich, { theme, phone });
        expect(await host(page, 'return h.timings.scansDuringOnload;')).toBe(0);
        await command(page, 'open-timeline');
        expect(await page.locator('.vigil-tl-row').count()).toBeGreaterThan(5);
        await shot(page, `timeline-${phone ? 'phone-' : ''}${theme}`);
        await close();
      }
    }
  });

  it('filters, clicks through to the note, and shows the page preview on Ctrl+hover', async () => {
    const { page, close } = await open(rich);
    await command(page, 'open-timeline');
    await page.selectOption('select[data-filter="host"]', 'pi4');
    await page.waitForTimeout(100);
    const titles = await page.locator('.vigil-tl-title').allTextContents();
    expect(titles).toContain('SSH password login allowed on pi4');
    expect(titles).not.toContain('Docker socket mounted into portainer on nas');
    await page.fill('.vigil-tl-search', 'ssh password');
    await page.waitForTimeout(100);
    expect(await page.locator('.vigil-tl-title').allTextContents()).toEqual(['SSH password login allowed on pi4']);
    const row = page.locator('.vigil-tl-row').first();
    await page.keyboard.down('Control');
    await row.hover();
    await page.keyboard.up('Control');
    await expect.poll(() => page.locator('.host-popover').count()).toBe(1);
    expect(await page.locator('.host-popover').textContent()).toContain('ssh-auth');
    await row.click();
    await page.waitForTimeout(150);
    expect(await host(page, 'return h.app.workspace.getActiveFile().path;')).toBe(PATHS.sshOpen);
    expect(await page.locator('.markdown-preview-view h1').first().textContent()).toBe('SSH password login allowed on pi4');
    await close();
  });

  it('ticks a restore step from the view: the file on disk changes by exactly that character', async () => {
    const file = join(tmp, 'rich', PATHS.giteaInProgress);
    const before = readFileSync(file, 'utf8');
    const { page, close } = await open(rich);
    await command(page, 'open-restore-tests');
    const card = page.locator('.vigil-rt-card', { hasText: 'Gitea app restore' });
    await expect.poll(() => card.locator('.vigil-rt-step').count()).toBe(4);
    await shot(page, 'restore-light');
    await card.locator('[data-step="step-3"] input').click();
    await expect.poll(() => card.locator('.vigil-rt-count').textContent()).toBe('3 of 4 steps');
    const after = readFileSync(file, 'utf8');
    const changed = [...after].flatMap((c, i) => (c !== before[i] ? [i] : []));
    expect(after.length).toBe(before.length);
    expect(changed).toHaveLength(1);
    expect(before[changed[0]!]).toBe(' ');
    expect(after[changed[0]!]).toBe('x');
    expect(after.split('\r\n').length).toBe(before.split('\r\n').length);
    await close();
    for (const [theme, phone] of [['dark', false], ['light', true], ['dark', true]] as const) {
      const o = await open(rich, { theme, phone });
      await command(o.page, 'open-restore-tests');
      await shot(o.page, `restore-${phone ? 'phone-' : ''}${theme}`);
      await o.close();
    }
  });

  it('opens Recovery.md with live code blocks, and the settings tab', async () => {
    for (const [theme, phone] of [['light', false], ['dark', false], ['light', true], ['dark', true]] as const) {
      const { page, close } = await open(rich, { theme, phone });
      await command(page, 'open-recovery');
      await expect.poll(() => page.locator('.vigil-block').count()).toBe(4);
      expect(await page.locator('.vigil-status-text').textContent()).toBe('5 open, worst critical · 2 backups failing · 1 restore overdue');
      await shot(page, `recovery-${phone ? 'phone-' : ''}${theme}`);
      if (!phone) {
        await host(page, 'h.showSettings();');
        await shot(page, `settings-${theme}`);
      }
      await close();
    }
  });

  it('renders hostile titles, frontmatter and steps as text and executes nothing', async () => {
    const { page, close } = await open(rich);
    await command(page, 'open-timeline');
    await page.fill('.vigil-tl-search', 'pwned');
    await page.waitForTimeout(150);
    await shot(page, 'hostile-timeline-light');
    expect(await page.locator('.vigil-tl-title').allTextContents()).toContain(`${HOSTILE.script} ${HOSTILE.img}`);
    await command(page, 'open-restore-tests');
    await expect.poll(() => page.locator('.vigil-rt-step', { hasText: 'click me' }).count()).toBe(1);
    await command(page, 'open-recovery');
    await page.waitForTimeout(150);
    const verdict = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwnedCalls: string[] }).__pwnedCalls,
      elements: document.querySelectorAll('#app script, #app img, #app iframe, #app object').length,
      foreignSvgs: [...document.querySelectorAll('#app svg')].filter((s) => !(s.getAttribute('class') ?? '').startsWith('svg-icon')).length,
      jsLinks: [...document.querySelectorAll('a')].filter((a) => /javascript:/i.test(a.getAttribute('href') ?? '')).length,
      handlers: [...document.querySelectorAll('#app *')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
    }));
    expect(verdict).toEqual({ pwned: [], elements: 0, foreignSvgs: 0, jsLinks: 0, handlers: 0 });
    await close();
  });

  it('works on the demo vault the collector writes: filter, click through, tick a step on disk', async (t) => {
    if (!demo) return t.skip();
    for (const theme of ['light', 'dark'] as const) {
      const { page, close } = await open(demo, { theme });
      await command(page, 'open-timeline');
      expect(await page.locator('.vigil-tl-row').count()).toBeGreaterThan(5);
      await shot(page, `demo-timeline-${theme}`);
      await close();
    }
    const { page, close } = await open(demo);
    await command(page, 'open-timeline');
    await page.selectOption('select[data-filter="host"]', 'nas');
    await page.waitForTimeout(100);
    const titles = await page.locator('.vigil-tl-title').allTextContents();
    expect(titles).toContain('Container ha-backup-sync runs privileged on nas');
    expect(titles.some((x) => x.endsWith('on ubuntu'))).toBe(false);
    await page.locator('.vigil-tl-row', { hasText: 'Container ha-backup-sync runs privileged on nas' }).first().click();
    await page.waitForTimeout(150);
    expect(await host(page, 'return h.app.workspace.getActiveFile().path;')).toBe('Vigil/Incidents/2026/2026-11-20 Container ha-backup-sync runs privileged on nas.md');

    const file = join(tmp, 'demo', 'Vigil', 'Restore tests', '2026-10 Quarterly Docker app restore.md');
    const before = readFileSync(file, 'utf8');
    await command(page, 'open-restore-tests');
    const card = page.locator('.vigil-rt-card', { hasText: 'Quarterly Docker app restore' });
    await expect.poll(() => card.locator('.vigil-rt-step').count()).toBeGreaterThan(3);
    await card.locator('[data-step="step-1"] input').click();
    // The host's storage layer writes the file in place: wait for the whole new content, not a half-written one.
    await expect
      .poll(() => {
        const now = readFileSync(file, 'utf8');
        return now !== before && now.length === before.length;
      })
      .toBe(true);
    const after = readFileSync(file, 'utf8');
    const changed = [...after].flatMap((c, i) => (c !== before[i] ? [i] : []));
    expect(after.length).toBe(before.length);
    expect(changed).toHaveLength(1);
    expect(after.slice(changed[0]! - 3, changed[0]! + 2)).toBe('- [x]');
    await close();
  });

  it('made no request anywhere but the local server, and the plugin itself made none at all', async () => {
    expect(foreign).toEqual([]);
    for (const server of [rich, demo].filter((s): s is HostServer => s !== null)) {
      // The page, the host's loader (main.js, manifest) and its storage layer (vault reads and the tick's write) only.
      const unexplained = server.requests.filter((r) => r.role === null && !['/host.html', '/host/theme.css', '/host/host.js', '/plugin/styles.css'].includes(r.path));
      expect(unexplained).toEqual([]);
      expect(server.requests.filter((r) => r.method === 'PUT').every((r) => r.role === 'storage' && r.path.startsWith('/vault/'))).toBe(true);
    }
    expect(pageErrors).toEqual([]);
  });
});
