// Config errors: every mistake in vigil.yaml, each with the file, line and key path it is about.
import { VigilError } from './vigil-error';

/** One mistake in a config file. */
export interface ConfigProblem {
  file: string;
  line: number;
  path: string;
  message: string;
}

/** Format one problem as `file:line: key.path: what is wrong`. */
export function formatProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

/** The config could not be used; lists every problem found, not just the first. */
export class ConfigError extends VigilError {
  override readonly name = 'ConfigError';
  constructor(readonly problems: ConfigProblem[]) {
    super('config', problems.map(formatProblem).join('\n'));
  }
}
