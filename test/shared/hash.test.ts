import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../shared/hash';

describe('sha256Hex (pure, for the plugin and the collector alike)', () => {
  it('matches node:crypto on empty, ASCII, multi-block and non-ASCII input', () => {
    const inputs = ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'x'.repeat(1000), 'Ünïcødé 🔐 ∑', '\u0000\n\r'];
    for (const s of inputs) expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
  });
});
