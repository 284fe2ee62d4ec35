// The built plugin must load on Obsidian mobile: no Node or Electron modules, no network, small.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';

describe('main.js bundle', () => {
  const code = readFileSync(join(ROOT, 'main.js'), 'utf8');

  it('requires nothing but obsidian', () => {
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['obsidian']));
  });

  it('makes no network calls', () => {
    expect(code).not.toMatch(/\bfetch\(|XMLHttpRequest|WebSocket|requestUrl|EventSource/);
  });

  it('stays under 150 KB', () => {
    expect(statSync(join(ROOT, 'main.js')).size).toBeLessThan(150 * 1024);
  });

  it('has a manifest Obsidian accepts, in step with versions.json', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
    const versions = JSON.parse(readFileSync(join(ROOT, 'versions.json'), 'utf8'));
    expect(manifest).toMatchObject({ id: 'vigil', isDesktopOnly: false });
    expect(versions[manifest.version]).toBe(manifest.minAppVersion);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(manifest.version).toBe(pkg.version);
  });
});
