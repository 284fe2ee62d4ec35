// Parse one command's flags with node:util parseArgs; unknown flags are usage errors, not ignored.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CHECK_IDS, isCheckId, type CheckId } from '../../shared/ids';
import { isSeverity, type Severity } from '../../shared/severity';
import { UsageError } from '../errors/usage-error';

/** Flags every command accepts. */
export const COMMON_OPTIONS = {
  config: { type: 'string', short: 'c' },
  help: { type: 'boolean', short: 'h' },
  quiet: { type: 'boolean', short: 'q' },
  'no-color': { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

/** Parse argv for one command. */
export function parseCommand<T extends NonNullable<ParseArgsConfig['options']>>(command: string, argv: string[], options: T, positionals = false) {
  try {
    return parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: positionals, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(`${command}: ${message}`);
  }
}

/** `--only a,b` → check ids, validated. */
export function parseOnly(value: string | undefined): CheckId[] | undefined {
  if (value === undefined) return undefined;
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const id of ids) {
    if (!isCheckId(id)) throw new UsageError(`--only: unknown check "${id}" (known: ${CHECK_IDS.join(', ')})`);
  }
  return ids as CheckId[];
}

/** `--fail-on high` → severity, validated. */
export function parseSeverity(flag: string, value: string | undefined): Severity | undefined {
  if (value === undefined) return undefined;
  if (!isSeverity(value)) throw new UsageError(`${flag}: expected one of info, low, medium, high, critical`);
  return value;
}
