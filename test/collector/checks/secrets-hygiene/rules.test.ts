// The rule table test: every rule's own true positives and false positives, through the real scanner.
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../../collector/checks/secrets-hygiene/rules';
import { SecretScanner } from '../../../../collector/checks/secrets-hygiene/scan';

const scanners = { wasm: new SecretScanner(), js: new SecretScanner(RULES, { useWasm: false }) };

function rulesFound(scanner: SecretScanner, text: string): string[] {
  return scanner.scan(Buffer.from(text, 'latin1')).map((s) => s.rule.id);
}

describe('secrets-hygiene rules', () => {
  it('the WebAssembly prefilter is available here', () => {
    expect(scanners.wasm.accelerated).toBe(true);
    expect(scanners.js.accelerated).toBe(false);
  });

  it('has unique ids, keywords of 3+ lower-case characters, a severity reason and examples of both kinds', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const rule of RULES) {
      expect(rule.keywords.length, rule.id).toBeGreaterThan(0);
      for (const k of rule.keywords) expect(k, rule.id).toMatch(/^[^A-Z]{3,}$/);
      expect(rule.severityReason.length, rule.id).toBeGreaterThan(10);
      expect(rule.examples.truePositives.length, rule.id).toBeGreaterThan(0);
      expect(rule.examples.falsePositives.length, rule.id).toBeGreaterThan(0);
      expect(rule.regex.source, rule.id).toMatch(/\(\?<secret\d?>/);
    }
  });

  for (const rule of RULES) {
    for (const [mode, scanner] of Object.entries(scanners)) {
      describe(`${rule.id} (${mode} prefilter)`, () => {
        it.each(rule.examples.truePositives.map((t) => [t]))('finds %j', (text) => {
          expect(rulesFound(scanner, text)).toContain(rule.id);
          // Every true positive holds one of the rule's keywords: the prefilter never hides it.
          expect(rule.keywords.some((k) => text.toLowerCase().includes(k))).toBe(true);
        });
        it.each(rule.examples.falsePositives.map((t) => [t]))('does not find %j', (text) => {
          expect(rulesFound(scanner, text)).not.toContain(rule.id);
        });
      });
    }
  }
});
