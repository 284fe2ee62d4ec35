// The rule table the scanner and the capture redactor run, in priority order: where two rules match
// the same text, the earlier (more specific) one wins.
import { GENERIC_RULES } from './rules-generic';
import { PROVIDER_RULES } from './rules-provider';
import type { SecretRule } from './rule';

/** Every rule, most specific first. */
export const RULES: readonly SecretRule[] = [...PROVIDER_RULES, ...GENERIC_RULES];

/** Rule ids, for ignore entries and config validation. */
export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));

/** A rule by id. */
export function ruleById(id: string): SecretRule | undefined {
  return RULES.find((r) => r.id === id);
}
