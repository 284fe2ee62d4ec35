// The secrets scanner (pure): bytes in, spans of secret values out — which rule, which line, where.
// Keywords are found in one pass over the bytes; a rule's regex runs only on the lines that hold one
// of its keywords, so a file without keywords costs one probe pass and nothing else.
import { KeywordFilter } from './keyword-filter';
import { RULES } from './rules';
import { shannonEntropy, type SecretRule } from './rule';

/** How far a multi-line rule (a PEM block) may reach from the line its keyword is on. */
const MULTILINE_WINDOW = 64 * 1024;

/** Bytes inspected for NUL to call a file binary (git's `buffer_is_binary` looks at the first 8000). */
export const BINARY_SNIFF_BYTES = 8000;

/** Rules are tracked per line in a 31-bit mask. */
const MAX_RULES = 31;

/** Names a rule may give its value group, one per alternative. */
const SECRET_GROUPS = ['secret', 'secret1', 'secret2', 'secret3', 'secret4', 'secret5', 'secret6'];

/** One secret value found: the rule, the 1-based line where its match begins, and its byte range. */
export interface SecretSpan {
  rule: SecretRule;
  line: number;
  start: number;
  end: number;
}

/** True when the first 8000 bytes hold a NUL (how git and grep tell binary files). */
export function looksBinary(data: Uint8Array): boolean {
  return data.subarray(0, BINARY_SNIFF_BYTES).indexOf(0) >= 0;
}

/** The value of a match: the first secret group that took part, with its offsets (needs the `d` flag). */
function secretOf(m: RegExpExecArray): { value: string; start: number; end: number } | null {
  for (const name of SECRET_GROUPS) {
    const value = m.groups?.[name];
    const at = m.indices?.groups?.[name];
    if (value !== undefined && at) return { value, start: at[0], end: at[1] };
  }
  return null;
}

/** Counts lines forward through a buffer, so line numbers cost one pass however many are asked. */
class LineCounter {
  private at = 0;
  private line = 1;
  constructor(private readonly buf: Buffer) {}

  /** The 1-based line of `offset`; offsets must not go backwards by more than one line's worth of calls. */
  lineOf(offset: number): number {
    if (offset < this.at) {
      this.at = 0;
      this.line = 1;
    }
    for (let p = this.buf.indexOf(10, this.at); p >= 0 && p < offset; p = this.buf.indexOf(10, p + 1)) this.line++;
    this.at = offset;
    return this.line;
  }
}

/** Scans bytes with a rule table. Create one per scan run (it owns its prefilter's memory). */
export class SecretScanner {
  private readonly rules: readonly SecretRule[];
  private readonly regexes: RegExp[];
  private readonly filter: KeywordFilter;
  /** For each keyword of the filter, the indexes of the rules that list it. */
  private readonly rulesOfKeyword: number[][];

  constructor(rules: readonly SecretRule[] = RULES, options: { useWasm?: boolean } = {}) {
    if (rules.length > MAX_RULES) throw new Error(`at most ${MAX_RULES} rules`);
    this.rules = rules;
    this.regexes = rules.map((rule) => new RegExp(rule.regex.source, `${rule.regex.flags.replace(/[gdy]/g, '')}gd`));
    const keywords: string[] = [];
    this.rulesOfKeyword = [];
    rules.forEach((rule, index) => {
      for (const kw of rule.keywords) {
        let k = keywords.indexOf(kw);
        if (k < 0) {
          k = keywords.push(kw) - 1;
          this.rulesOfKeyword.push([]);
        }
        this.rulesOfKeyword[k]!.push(index);
      }
    });
    // A keyword whose every rule has a confirm test is confirmed in the filter itself, so the
    // millions of `://` on web-log lines never become candidate lines.
    const confirms = this.rulesOfKeyword.map((rs) => {
      const tests = rs.map((r) => rules[r]!.confirm);
      if (tests.some((t) => !t)) return undefined;
      return tests.length === 1 ? tests[0] : (data: Uint8Array, at: number) => tests.some((t) => t!(data, at));
    });
    this.filter = new KeywordFilter(keywords, options.useWasm ?? true, confirms);
  }

  /** Whether the WebAssembly prefilter is in use (for the benchmark's output). */
  get accelerated(): boolean {
    return this.filter.accelerated;
  }

  /** Lines holding a keyword, as flat `[lineStart, lineEnd, ruleMask, …]` in order. */
  private candidateLines(buf: Buffer): number[] {
    const hits = this.filter.find(buf);
    const lines: number[] = [];
    let lineStart = -1;
    let lineEnd = -1;
    let mask = 0;
    for (let h = 0; h < hits.length; h += 2) {
      const at = hits[h]!;
      // Rules first, line bounds after: most hits of a very common keyword are confirmed away.
      let rules = 0;
      for (const r of this.rulesOfKeyword[hits[h + 1]!]!) {
        const confirm = this.rules[r]!.confirm;
        if (!confirm || confirm(buf, at)) rules |= 1 << r;
      }
      if (rules === 0) continue;
      if (at < lineStart || at >= lineEnd) {
        if (mask !== 0) lines.push(lineStart, lineEnd, mask);
        lineStart = buf.lastIndexOf(10, at) + 1;
        const nl = buf.indexOf(10, at);
        lineEnd = nl < 0 ? buf.length : nl;
        mask = 0;
      }
      mask |= rules;
    }
    if (mask !== 0) lines.push(lineStart, lineEnd, mask);
    return lines;
  }

  /**
   * Every secret in `data`, in order. Text is handled as latin1 so byte offsets and string offsets are
   * the same (every rule is ASCII); spans never overlap — the earlier rule in the table wins.
   */
  scan(data: Uint8Array): SecretSpan[] {
    const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const lines = this.candidateLines(buf);
    if (lines.length === 0) return [];
    const spans: SecretSpan[] = [];
    const counter = new LineCounter(buf);
    for (let l = 0; l < lines.length; l += 3) {
      const lineStart = lines[l]!;
      let text: string | null = null;
      for (let r = 0, mask = lines[l + 2]!; mask !== 0; r++, mask >>>= 1) {
        if ((mask & 1) === 0) continue;
        const rule = this.rules[r]!;
        const regex = this.regexes[r]!;
        const window = rule.multiline ? buf.toString('latin1', lineStart, Math.min(buf.length, lineStart + MULTILINE_WINDOW)) : (text ??= buf.toString('latin1', lineStart, lines[l + 1]));
        regex.lastIndex = 0;
        for (let m = regex.exec(window); m; m = regex.exec(window)) {
          const secret = secretOf(m);
          if (!secret) continue;
          if (rule.entropy !== undefined && shannonEntropy(secret.value) < rule.entropy) continue;
          if (rule.accept && !rule.accept(secret.value, m.groups ?? {})) continue;
          const start = lineStart + secret.start;
          const end = lineStart + secret.end;
          if (spans.some((s) => s.start < end && start < s.end)) continue;
          // The finding points at where the match begins (a PEM block's BEGIN line), not at its body.
          spans.push({ rule, line: counter.lineOf(lineStart + m.index), start, end });
        }
      }
    }
    return spans.sort((a, b) => a.start - b.start);
  }
}

/**
 * The bytes that identify a secret, for hashing: the value itself, except that a multi-line value
 * (a key body) loses its line breaks so the same key hashes the same with LF, CRLF or escaped `\n`.
 */
export function secretBytes(data: Uint8Array, span: SecretSpan): Buffer {
  const raw = Buffer.from(data.buffer, data.byteOffset + span.start, span.end - span.start);
  if (!span.rule.multiline) return Buffer.from(raw);
  return Buffer.from(raw.toString('latin1').replace(/\\n|[\r\n \t]/g, ''), 'latin1');
}
