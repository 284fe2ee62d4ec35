// The explicit list of checks, in the order they run and are listed. No import side effects.
import type { AnyCheck } from './check';
import { collectorSelf } from './collector-self';
import { listeningSockets } from './listening-sockets';

/** Every check Vigil runs. Add a check here and nowhere else. */
export const REGISTRY: readonly AnyCheck[] = [listeningSockets, collectorSelf];

/** Look up a check by id. */
export function findCheck(id: string): AnyCheck | undefined {
  return REGISTRY.find((c) => c.id === id);
}
