// Every malformed config in negative/ gets exactly the message its first line expects.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../collector/config/load';
import { ConfigError } from '../../../collector/errors/config-error';

const DIR = join(import.meta.dirname, 'negative');
const env = { env: { HOME: '/home/t' }, home: '/home/t', cwd: '/work' };

describe('config mistakes', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));
  it('has a negative fixture for each kind of mistake', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });
  for (const file of files) {
    it(file, () => {
      const text = readFileSync(join(DIR, file), 'utf8');
      const expected = /^# expect: (.*)$/m.exec(text)?.[1];
      expect(expected, 'first line must say what to expect').toBeTruthy();
      let error: unknown;
      try {
        parseConfigText(text, file, env);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message.split('\n')[0]).toBe(expected);
    });
  }
});
