// Raw data a check received could not be understood; names the source and, when known, the line.
import { VigilError } from './vigil-error';

/** A parser rejected its input. The message never quotes the input itself (it may hold a secret). */
export class ParseError extends VigilError {
  override readonly name = 'ParseError';
  constructor(
    readonly source: string,
    readonly reason: string,
    readonly line?: number,
  ) {
    super('parse', `${source}${line === undefined ? '' : `:${line}`}: ${reason}`);
  }
}
