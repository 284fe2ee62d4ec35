// The grep baseline searches for the same patterns: every rule converts to ERE and grep -E finds its true positives.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { toEre, UnsupportedPattern } from '../../../../collector/checks/secrets-hygiene/ere';
import { RULES } from '../../../../collector/checks/secrets-hygiene/rules';

function grepFinds(ere: string, text: string): boolean {
  const r = spawnSync('grep', ['-E', '-q', '-e', ere], { input: text, env: { ...process.env, LC_ALL: 'C' } });
  if (r.status === 2) throw new Error(`grep rejected ${ere}: ${r.stderr.toString()}`);
  return r.status === 0;
}

const hasGrep = spawnSync('grep', ['--version']).status === 0;

describe('rules as POSIX ERE', () => {
  it('translates escapes, classes, groups and case-insensitivity', () => {
    expect(toEre(/(?:ab|c)\d+\.\s(?<x>[\w-]{2,}?)/)).toBe('(ab|c)[0-9]+\\.[[:space:]]([[:alnum:]_-]{2,})');
    expect(toEre(/pa[sz]\b/i)).toBe('[pP][aA][sSzZ]\\b');
    expect(toEre(/[^\s"'`;,]+/)).toBe('[^[:space:]"\'`;,]+');
    expect(toEre(/[\]a-c^-]/)).toBe('[]a-c^-]');
    expect(() => toEre(/a(?=b)/)).toThrow(UnsupportedPattern);
    expect(() => toEre(/(a)\1/)).toThrow(UnsupportedPattern);
  });

  it('every rule has an ERE form', () => {
    for (const rule of RULES) expect(() => rule.ere ?? toEre(rule.regex), rule.id).not.toThrow();
  });

  it.skipIf(!hasGrep)('grep -E finds the first line of every true positive with the same pattern', () => {
    for (const rule of RULES) {
      const ere = rule.ere ?? toEre(rule.regex);
      for (const tp of rule.examples.truePositives) expect(grepFinds(ere, tp), `${rule.id}: ${tp}`).toBe(true);
    }
  });
});
