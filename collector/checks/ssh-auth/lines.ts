// Split a byte stream into text lines with a hard cap on line length, so a binary file or a giant line costs no memory.
import { StringDecoder } from 'node:string_decoder';

/** Longest line kept. sshd's messages fit in 1 KiB (log.c MSGBUFSIZ) and sudo's in a few; longer lines are not theirs. */
export const MAX_LINE = 8192;

/** Feeds chunks, calls back once per complete line (without "\n" or "\r"). */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private carry = '';
  /** True while skipping the rest of an over-long line. */
  private discarding = false;
  /** Lines longer than the cap (skipped). */
  oversized = 0;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLine = MAX_LINE,
  ) {}

  /** Feed one chunk. */
  push(chunk: Buffer): void {
    this.text(this.decoder.write(chunk));
  }

  /** Flush the last line (a file need not end with a newline). */
  end(): void {
    this.text(this.decoder.end());
    if (!this.discarding && this.carry.length > 0) this.emit(this.carry);
    this.carry = '';
    this.discarding = false;
  }

  private text(text: string): void {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      if (this.discarding) {
        this.discarding = false;
      } else if (this.carry.length > 0) {
        const line = this.carry + text.slice(start, nl);
        this.carry = '';
        if (line.length > this.maxLine) this.oversized++;
        else this.emit(line);
      } else if (nl - start > this.maxLine) {
        this.oversized++;
      } else {
        this.emit(text.slice(start, nl));
      }
      start = nl + 1;
    }
    if (this.discarding || start >= text.length) return;
    const rest = text.length - start;
    if (this.carry.length + rest > this.maxLine) {
      // The line is already over the cap: drop what we have and skip to its end.
      this.carry = '';
      this.discarding = true;
      this.oversized++;
      return;
    }
    this.carry += text.slice(start);
  }

  private emit(line: string): void {
    this.onLine(line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line);
  }
}

/**
 * Call back for each line of `text` from the last to the first (journalctl --reverse prints newest first; events are
 * folded oldest first). When the text was cut at a size cap its last line is incomplete and is dropped.
 * Returns how many lines were over the cap.
 */
export function forEachLineReversed(text: string, truncated: boolean, onLine: (line: string) => void, maxLine = MAX_LINE): number {
  let oversized = 0;
  let end = truncated ? text.lastIndexOf('\n') : text.length;
  if (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  while (end > 0) {
    const nl = text.lastIndexOf('\n', end - 1);
    if (end - nl - 1 > maxLine) oversized++;
    else onLine(text.charCodeAt(end - 1) === 13 ? text.slice(nl + 1, end - 1) : text.slice(nl + 1, end));
    end = nl;
  }
  return oversized;
}
