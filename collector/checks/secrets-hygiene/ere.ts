// Translate a rule's JavaScript regex into POSIX ERE (GNU grep -E), so the benchmark's grep baseline
// searches for exactly the rules' patterns and a test can prove grep finds every true positive too.

/** Characters with a meaning in ERE outside brackets. */
const ERE_SPECIAL = new Set(['.', '[', ']', '(', ')', '*', '+', '?', '{', '}', '|', '^', '$', '\\']);

/** A pattern grep cannot express the same way (lookarounds, back-references, line breaks). */
export class UnsupportedPattern extends Error {}

function literal(ch: string, ignoreCase: boolean): string {
  if (ignoreCase && /[A-Za-z]/.test(ch)) return `[${ch.toLowerCase()}${ch.toUpperCase()}]`;
  return ERE_SPECIAL.has(ch) ? `\\${ch}` : ch;
}

/** The character an escape like `\t`, `\x60` or `\.` stands for, or null for a class escape. */
function escapedChar(source: string, i: number): { ch: string; next: number } | null {
  const c = source[i + 1] ?? '';
  if (c === 't') return { ch: '\t', next: i + 2 };
  if (c === 'r') return { ch: '\r', next: i + 2 };
  if (c === 'x') return { ch: String.fromCharCode(Number.parseInt(source.slice(i + 2, i + 4), 16)), next: i + 4 };
  if (/[dDsSwWbBn0-9]/.test(c)) return null;
  return { ch: c, next: i + 2 };
}

const CLASS_ESCAPES: Record<string, string> = { d: '0-9', s: '[:space:]', w: '[:alnum:]_' };
const NEGATED_ESCAPES: Record<string, string> = { D: '[^0-9]', S: '[^[:space:]]', W: '[^[:alnum:]_]' };

/** Translate one bracket expression starting at `[`; returns the ERE bracket and where it ended. */
function bracket(source: string, start: number, ignoreCase: boolean): { ere: string; next: number } {
  let i = start + 1;
  const negated = source[i] === '^';
  if (negated) i++;
  const items: string[] = [];
  let closeBracket = false;
  let dash = false;
  let caret = false;
  const add = (ch: string) => {
    if (ch === ']') closeBracket = true;
    else if (ch === '-') dash = true;
    else if (ch === '^') caret = true;
    else if (ch !== '\n') items.push(ch);
    if (ignoreCase && /[A-Za-z]/.test(ch)) items.push(ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase());
  };
  while (i < source.length && source[i] !== ']') {
    let ch: string;
    if (source[i] === '\\') {
      const c = source[i + 1] ?? '';
      if (CLASS_ESCAPES[c]) {
        items.push(CLASS_ESCAPES[c]);
        i += 2;
        continue;
      }
      if (c === 'n') {
        i += 2; // grep never sees a line break inside a line
        continue;
      }
      const e = escapedChar(source, i);
      if (!e) throw new UnsupportedPattern(`class escape \\${c}`);
      ch = e.ch;
      i = e.next;
    } else {
      ch = source[i]!;
      i++;
    }
    // A range a-z (the dash is neither first nor last).
    if (source[i] === '-' && source[i + 1] !== ']' && i + 1 < source.length) {
      const to = source[i + 1] === '\\' ? escapedChar(source, i + 1) : { ch: source[i + 1]!, next: i + 2 };
      if (!to) throw new UnsupportedPattern('class escape in a range');
      items.push(`${ch}-${to.ch}`);
      if (ignoreCase && /^[a-z]$/i.test(ch) && /^[a-z]$/i.test(to.ch)) {
        const other = (s: string) => (s === s.toLowerCase() ? s.toUpperCase() : s.toLowerCase());
        items.push(`${other(ch)}-${other(to.ch)}`);
      }
      i = to.next;
      continue;
    }
    add(ch);
  }
  if (source[i] !== ']') throw new UnsupportedPattern('unterminated class');
  // POSIX: `]` first, `-` last, `^` anywhere but first; backslash is literal.
  const body = `${closeBracket ? ']' : ''}${items.join('')}${caret ? '^' : ''}${dash ? '-' : ''}`;
  if (body === '^') return { ere: negated ? '[^^]' : '\\^', next: i + 1 };
  return { ere: `[${negated ? '^' : ''}${body}]`, next: i + 1 };
}

/** The ERE form of a JavaScript regex; throws UnsupportedPattern for constructs grep -E lacks. */
export function toEre(regex: RegExp): string {
  const source = regex.source;
  const ignoreCase = regex.flags.includes('i');
  let out = '';
  for (let i = 0; i < source.length; ) {
    const c = source[i]!;
    if (c === '[') {
      const b = bracket(source, i, ignoreCase);
      out += b.ere;
      i = b.next;
    } else if (c === '(') {
      if (source.startsWith('(?:', i)) i += 3;
      else if (/^\(\?<[A-Za-z]/.test(source.slice(i, i + 4))) i = source.indexOf('>', i) + 1;
      else if (source[i + 1] === '?') throw new UnsupportedPattern('lookaround');
      else i++;
      out += '(';
    } else if (c === '\\') {
      const n = source[i + 1] ?? '';
      if (n === 'b' || n === 'B') out += `\\${n}`;
      else if (n === 'd') out += '[0-9]';
      else if (n === 's') out += '[[:space:]]';
      else if (n === 'w') out += '[[:alnum:]_]';
      else if (NEGATED_ESCAPES[n]) out += NEGATED_ESCAPES[n];
      else if (n === 'n' || /[0-9]/.test(n)) throw new UnsupportedPattern(`\\${n}`);
      else {
        const e = escapedChar(source, i)!;
        out += literal(e.ch, ignoreCase);
        i = e.next;
        continue;
      }
      i += 2;
    } else if ((c === '?' || c === '+') && /[*+?}]/.test(source[i - 1] ?? '') && source[i - 2] !== '\\') {
      i++; // a lazy or possessive marker: the set of matched lines is the same
    } else {
      out += /[A-Za-z]/.test(c) ? literal(c, ignoreCase) : c;
      i++;
    }
  }
  return out;
}
