import type { BoundCondition } from '../binding/boundTypes';

/**
 * The order in which a filter's conditions are written into its CASE: cheapest first. Flink's generated code
 * evaluates an AND from left to right and stops at the first FALSE, so with hundreds of filters per event the
 * cheap comparison that rejects most events (an event name, a table, a number range) decides before a map
 * lookup, a TRY_CAST or a regex runs. The result does not depend on the order: SQL's three-valued AND is
 * commutative, and no predicate the generator writes can fail (TRY_CAST yields NULL, patterns are checked
 * before generation), so the preview's file-order evaluation and the job agree.
 */
export function cheapestFirst(conditions: readonly BoundCondition[]): BoundCondition[] {
  return conditions
    .map((c, index) => ({ c, index, cost: conditionCost(c) }))
    .sort((a, b) => a.cost - b.cost || a.index - b.index)
    .map((x) => x.c);
}

/** A rough relative cost per evaluation, from what Flink's generated code does for the predicate. */
export function conditionCost(c: BoundCondition): number {
  let cost = OPERATOR_COST[c.operator.name] ?? 2;
  // a map value is found by scanning the map's keys, and numeric operators parse the text as a decimal
  if (c.path.viaMapKey) cost += 3;
  if (c.castToNumber) cost += 2;
  return cost;
}

const OPERATOR_COST: Record<string, number> = {
  exists: 0,
  equals: 1,
  notEquals: 1,
  greaterThan: 1,
  lessThan: 1,
  greaterThanOrEqual: 1,
  lessThanOrEqual: 1,
  between: 1,
  // a hash-set lookup of the value (Flink builds the set once per call site)
  in: 2,
  notIn: 2,
  // computes now minus the duration per evaluation
  withinLast: 2,
  // java.util.regex find() over the value
  matches: 6,
};
