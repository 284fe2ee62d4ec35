// A throwaway check for engine tests: a security check on every host with no options; the test gives gather and analyze.
import { defineCheck, type AnyCheck, type CheckDefinition } from '../../collector/checks/check';
import type { CheckId } from '../../shared/ids';

type Parts<O> = Pick<CheckDefinition<O, unknown>, 'gather' | 'analyze'> & Partial<CheckDefinition<O, unknown>>;

/** A check with id `id` (a real id, so the registry's contracts hold); `parts` overrides anything else. */
export function testCheck<O>(id: CheckId, parts: Parts<O>): AnyCheck {
  return defineCheck<O, unknown>({ id, title: id, domain: 'security', scope: 'host', description: '', options: {}, ...parts });
}
