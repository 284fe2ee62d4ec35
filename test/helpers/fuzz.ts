// Deterministic input mutation for parser fuzz tests: truncation, binary bytes, enormous lines, hostile strings.

/** A small deterministic PRNG (LCG), so a failing case reproduces from its seed. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

/** Strings that have broken parsers and renderers before. */
export const HOSTILE_STRINGS = [
  '../../etc/passwd',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  '%% vigil:end timeline %%',
  '---',
  ': #',
  '\u0000\u0001\u001b[2J\u007f',
  '\uFFFD\uD800',
  '𝕳𝖔𝖘𝖙𝖎𝖑𝖊 👨‍👩‍👧‍👦',
  '"quoted" \'single\' `back`',
  '$(rm -rf /) `id` ; | & > <',
  'x'.repeat(300),
];

/** `count` mutated variants of `input`: deletions, random bytes, cut-offs, huge lines, hostile insertions. */
export function mutations(input: string, count: number, seed = 1): string[] {
  const rand = prng(seed);
  const out: string[] = [
    '',
    input.slice(0, Math.floor(input.length / 2)),
    input.slice(0, input.length - 1),
    `${input}${'A'.repeat(1_000_000)}\n`,
    Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)).toString('latin1'),
    ...HOSTILE_STRINGS.map((h) => `${input}\n${h}\n`),
  ];
  while (out.length < count) {
    const chars = [...input];
    const edits = 1 + Math.floor(rand() * 8);
    for (let k = 0; k < edits; k++) {
      const at = Math.floor(rand() * (chars.length + 1));
      const op = rand();
      if (op < 0.3) chars.splice(at, 1 + Math.floor(rand() * 20));
      else if (op < 0.6) chars.splice(at, 0, String.fromCharCode(Math.floor(rand() * 256)));
      else if (op < 0.8) chars.splice(at, 0, HOSTILE_STRINGS[Math.floor(rand() * HOSTILE_STRINGS.length)]!);
      else chars.splice(at, 0, '\n');
    }
    out.push(chars.join(''));
  }
  return out;
}
