// Match artifact file names against a job's `pattern`: `*`, `?` and `[…]` classes, as a shell glob does for one name.

/** One compiled pattern element. */
type Token = { kind: 'star' } | { kind: 'any' } | { kind: 'literal'; char: string } | { kind: 'class'; negated: boolean; ranges: [string, string][] };

/** Split a glob into tokens; a `[` without its `]` is a literal, as in a shell. */
export function tokenize(pattern: string): Token[] {
  const chars = [...pattern];
  const tokens: Token[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '*') {
      if (tokens.at(-1)?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '[') {
      let j = i + 1;
      const negated = chars[j] === '!' || chars[j] === '^';
      if (negated) j++;
      const start = j;
      while (j < chars.length && (chars[j] !== ']' || j === start)) j++;
      if (j >= chars.length) {
        tokens.push({ kind: 'literal', char: c });
        continue;
      }
      const body = chars.slice(start, j);
      const ranges: [string, string][] = [];
      for (let k = 0; k < body.length; k++) {
        if (body[k + 1] === '-' && k + 2 < body.length) {
          ranges.push([body[k]!, body[k + 2]!]);
          k += 2;
        } else ranges.push([body[k]!, body[k]!]);
      }
      tokens.push({ kind: 'class', negated, ranges });
      i = j;
    } else tokens.push({ kind: 'literal', char: c });
  }
  return tokens;
}

function matchesOne(token: Token, char: string): boolean {
  if (token.kind === 'any') return true;
  if (token.kind === 'literal') return token.char === char;
  if (token.kind === 'class') return token.ranges.some(([lo, hi]) => char >= lo && char <= hi) !== token.negated;
  return false;
}

/**
 * Whole-name match in O(pattern × name) with the classic last-star backtracking: no regular expression, so a
 * pattern like `*a*a*a*…` cannot take exponential time on a long name.
 */
export function globMatches(tokens: readonly Token[], name: string): boolean {
  const chars = [...name];
  let t = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < chars.length) {
    const token = tokens[t];
    if (token && token.kind !== 'star' && matchesOne(token, chars[n]!)) {
      t++;
      n++;
    } else if (token?.kind === 'star') {
      star = t++;
      resume = n;
    } else if (star >= 0) {
      t = star + 1;
      n = ++resume;
    } else return false;
  }
  while (tokens[t]?.kind === 'star') t++;
  return t === tokens.length;
}

/**
 * A matcher for artifact names. Hidden names only match a pattern that starts with a dot, as in a shell: rsync and
 * most dump tools write their in-progress file as `.name.XXXXXX`, which is not a backup yet.
 */
export function patternMatcher(pattern: string): (name: string) => boolean {
  const tokens = tokenize(pattern);
  const dotted = pattern.startsWith('.');
  return (name) => (dotted || !name.startsWith('.')) && globMatches(tokens, name);
}
