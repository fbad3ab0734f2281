import type { BoundCondition, BoundFilter } from '../binding/boundTypes';

export interface RouteMatch {
  filterId: string;
  outputTopic: string;
}

/** Why a filter did not take an event: its first condition (in file order) that does not hold. */
export interface RouteMiss {
  filterId: string;
  failedCondition: BoundCondition;
  /** The JSON value read (null when missing); for an array condition, the closest element's value. */
  actual: unknown;
  reason: string;
}

export interface RouteResult {
  matched: RouteMatch[];
  misses: RouteMiss[];
}

export interface RoutingOptions {
  /** The clock of `withinLast` (epoch millis). Defaults to Date.now; tests inject a fixed instant. */
  now?: () => number;
  /** Evaluate `enabled: false` filters too (the preview shows them; deployment and tests do not route them). */
  includeDisabled?: boolean;
}

export interface CompiledFilter {
  filter: BoundFilter;
  /** Does the filter route the event (every condition TRUE)? The fast path: no explanation is built. */
  matches(event: unknown, now: number): boolean;
  /** The first failing condition, or undefined when the filter matches. */
  explainMiss(event: unknown, now: number): RouteMiss | undefined;
}

export interface Router {
  filters: CompiledFilter[];
  route(event: unknown): RouteResult;
  /** Output topics the event goes to, each once (several filters may share a topic). */
  topicsFor(event: unknown): string[];
}
