// vigil export-runbook, opened the way it will be used: from file:// in Chromium with every network request blocked.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { withoutLiveViews } from '../../collector/export/export-runbook';
import { requireBinary } from '../helpers/binaries';
import { ROOT, vigil } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const CHROMIUM = requireBinary('chromium', 'chromium');
const SHOTS = join(ROOT, 'test-output', 'screenshots');

describe('the offline runbook export', () => {
  let dir: string;
  let out: string;

  beforeAll(async () => {
    dir = await tempDir('vigil-export-');
    writeFileSync(
      join(dir, 'vigil.yaml'),
      [
        'vault: ./vault',
        'state_dir: ./state',
        'hosts: [{ name: local, local: true, checks: [listening-sockets] }]',
        'services:',
        '  - { name: gitea, kind: gitea, host: nas, data_class: service-state, credentials: ["Vaultwarden: Gitea admin account"] }',
        '  - { name: dns, kind: small-machine, host: sentinel, data_class: rebuild }',
        '  - { name: vault, kind: password-vault, host: ubuntu, data_class: irreplaceable, credentials: ["<img src=x onerror=alert(1)> in the safe"] }',
        'restore_tests:',
        '  - { name: Quarterly Gitea restore, every: quarterly, template: docker-app, runbook: gitea, data_class: service-state }',
        'export: { html: ./usb-stick/recovery.html }',
        '',
      ].join('\n'),
    );
    const run = await vigil(['run', '--config', 'vigil.yaml', '--quiet'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    out = join(dir, 'recovery.html');
    const exported = await vigil(['export-runbook', '--config', 'vigil.yaml', '--out', out], { cwd: dir });
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toMatch(/wrote \d+ sections/);
  });

  it('leaves out the plugin-only "Live views" section of Recovery.md, unless the user wrote something in it', () => {
    const recovery = readFileSync(join(__dirname, '../golden/demo-vault/Recovery.md'), 'utf8');
    const body = recovery.slice(recovery.indexOf('# Recovery'));
    expect(body).toContain('## Live views');
    const cut = withoutLiveViews(body);
    expect(cut).not.toContain('## Live views');
    expect(cut).not.toContain('```vigil-');
    expect(cut.split('\n').filter((l) => l.startsWith('## '))).toEqual(body.split('\n').filter((l) => l.startsWith('## ') && l !== '## Live views'));
    const mine = body.replace('```vigil-status\n```\n', '```vigil-status\n```\n\nMy own note about the status.\n');
    expect(withoutLiveViews(mine)).toContain('## Live views');
  });

  it('is one self-contained file: no external reference at all, and the run refreshed its own copy', () => {
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/\b(src|href)=["'](https?:|\/\/)/i);
    expect(html).not.toMatch(/<link\b|@import|url\(/i);
    expect(html).toContain("default-src 'none'");
    expect(readFileSync(join(dir, 'usb-stick', 'recovery.html'), 'utf8')).toContain('Runbook: gitea');
    expect(html).not.toMatch(/<img\b/);
  });

  it.runIf(CHROMIUM)('opens from file:// with the network blocked: zero requests, every runbook, ticks that survive a reload', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const browser: Browser = await chromium.launch({
      executablePath: CHROMIUM!,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    try {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
      const requests: string[] = [];
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file://')) return route.continue();
        requests.push(url);
        return route.abort();
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('dialog', (d) => {
        errors.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      await page.goto(`file://${out}`);
      for (const section of ['Recovery — start here', 'Runbook: gitea', 'Runbook: dns', 'Status when exported']) {
        expect(await page.locator('nav').innerText()).toContain(section);
      }
      expect(await page.locator('section.runbook').count()).toBe(3);
      const box = page.locator('section.runbook input.task').first();
      await box.check();
      await page.screenshot({ path: join(SHOTS, 'export-phone.png'), fullPage: false });
      await page.reload();
      expect(await page.locator('section.runbook input.task').first().isChecked()).toBe(true);
      await page.setViewportSize({ width: 1100, height: 1400 });
      await page.screenshot({ path: join(SHOTS, 'export-desktop.png') });
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: join(SHOTS, 'export-print.png') });
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
