// Parse systemctl's listings (list-units, list-unit-files) into typed rows; pure, and never quotes its input.
import { ParseError } from '../../errors/parse-error';

/** One loaded unit as `systemctl list-units` prints it. */
export interface UnitRow {
  unit: string;
  /** LOAD: loaded, not-found, bad-setting, error, masked… */
  load: string;
  /** ACTIVE: active, reloading, inactive, failed, activating, deactivating… */
  active: string;
  /** SUB: running, exited, dead, waiting, auto-restart, failed… (depends on the unit type). */
  sub: string;
}

/** One installed unit file as `systemctl list-unit-files` prints it. */
export interface UnitFileRow {
  unit: string;
  /** enabled, enabled-runtime, disabled, static, indirect, masked, alias, generated, transient… */
  state: string;
}

/** The unit types systemd knows (systemd.unit(5)); a name ends in one of them. */
const UNIT_TYPES = 'service|socket|target|device|mount|automount|swap|timer|path|slice|scope';

/**
 * A unit name: characters systemd allows in names (letters, digits, ":-_.\" and "@" for instances, with
 * other bytes escaped as \xNN by systemd-escape), then a known type. UNIT_NAME_MAX is 256 (unit-name.h).
 */
const UNIT_NAME = new RegExp(`^[A-Za-z0-9:_.\\\\@-]{1,240}\\.(?:${UNIT_TYPES})$`);

/** Load, active, sub and unit-file states are lowercase words with dashes. */
const STATE = /^[a-z][a-z-]{0,39}$/;

/** The glyph column systemctl prints without --plain ("●" on UTF-8 terminals, "*" under LC_ALL=C). */
const GLYPH = /^(?:●|\*)\s+/;

/** Header and legend lines, printed when --no-legend is missing (output pasted by hand, old wrappers). */
const LEGEND = [
  /^UNIT\s+LOAD\s+ACTIVE\s+SUB\b/,
  /^UNIT FILE\s+STATE\b/,
  /^(?:LOAD|ACTIVE|SUB|JOB)\s+=/,
  /^\d+ (?:loaded units|unit files) listed\./,
  /^To show all installed unit files/,
  /^Pass --all to see/,
];

/** True for a syntactically valid unit name. */
export function isUnitName(name: string): boolean {
  return name.length <= 256 && UNIT_NAME.test(name);
}

/** The type of a unit ("service", "timer"…), from its suffix. */
export function unitType(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

function fields(line: string): string[] {
  return line.trim().replace(GLYPH, '').split(/\s+/);
}

/** Lines with their 1-based numbers, blank lines and legend lines skipped. */
function contentLines(text: string): { line: string; number: number }[] {
  const out: { line: string; number: number }[] = [];
  text.split('\n').forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || LEGEND.some((re) => re.test(trimmed))) return;
    out.push({ line, number: i + 1 });
  });
  return out;
}

/**
 * Parse `systemctl list-units … --no-legend --plain --full`: UNIT LOAD ACTIVE SUB [JOB] DESCRIPTION per line.
 * The description (and the JOB column, shown only while jobs are queued) is not needed and not kept.
 */
export function parseListUnits(text: string, source = 'systemctl list-units'): UnitRow[] {
  const rows: UnitRow[] = [];
  for (const { line, number } of contentLines(text)) {
    const [unit, load, active, sub] = fields(line);
    if (unit === undefined || !isUnitName(unit)) throw new ParseError(source, 'expected a unit name in the first column', number);
    if (load === undefined || active === undefined || sub === undefined || ![load, active, sub].every((s) => STATE.test(s))) {
      throw new ParseError(source, 'expected LOAD, ACTIVE and SUB states after the unit name', number);
    }
    rows.push({ unit, load, active, sub });
  }
  return rows;
}

/** Parse `systemctl list-unit-files … --no-legend`: UNIT FILE, STATE and (systemd ≥ 245) the preset column. */
export function parseListUnitFiles(text: string, source = 'systemctl list-unit-files'): UnitFileRow[] {
  const rows: UnitFileRow[] = [];
  for (const { line, number } of contentLines(text)) {
    const [unit, state, preset, ...rest] = fields(line);
    if (unit === undefined || !isUnitName(unit)) throw new ParseError(source, 'expected a unit file name in the first column', number);
    if (state === undefined || !STATE.test(state)) throw new ParseError(source, 'expected a unit file state after the name', number);
    if (rest.length > 0 || (preset !== undefined && preset !== '-' && !STATE.test(preset))) {
      throw new ParseError(source, 'expected at most a preset column after the state', number);
    }
    rows.push({ unit, state });
  }
  return rows;
}
