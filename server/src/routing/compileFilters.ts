import type { ArrayGroup, BoundCondition, BoundDocument, BoundFilter } from '../binding/boundTypes';
import { epochReading } from '../binding/epochEncoding';
import type { SourceEncoding } from '../model/filterTypes';
import { compileCondition, type CompiledCondition } from './compileCondition';
import { makeGetter } from './fieldAccess';
import { generatePredicate } from './generatePredicate';
import type { CompiledFilter, RouteMiss, Router, RoutingOptions } from './routeTypes';

/**
 * Compiles every bound filter once into a predicate with the semantics of the generated Flink SQL:
 * conditions are ANDed; a condition holds only when TRUE (FALSE and NULL both drop the event, as in a
 * WHERE clause); the conditions that step into the same array must all hold on one element.
 */
export function compileRouting(bound: BoundDocument, options: RoutingOptions = {}): Router {
  const now = options.now ?? Date.now;
  const filters = bound.filters
    .filter((f) => f.enabled || options.includeDisabled)
    .map((f) => compileFilter(f, bound.encoding));
  return {
    filters,
    route(event) {
      const at = now();
      const matched = [];
      const misses: RouteMiss[] = [];
      for (const f of filters) {
        if (f.matches(event, at)) matched.push({ filterId: f.filter.id, outputTopic: f.filter.outputTopic });
        else {
          const miss = f.explainMiss(event, at);
          if (miss) misses.push(miss);
        }
      }
      return { matched, misses };
    },
    topicsFor(event) {
      const at = now();
      const topics: string[] = [];
      for (const f of filters)
        if (f.matches(event, at) && !topics.includes(f.filter.outputTopic)) topics.push(f.filter.outputTopic);
      return topics;
    },
  };
}

/** A top-level condition or an array group: the units a filter ANDs, kept in file order for explanations. */
interface Unit {
  position: number;
  explain(event: unknown, now: number): Omit<RouteMiss, 'filterId'> | undefined;
}

function compileFilter(filter: BoundFilter, encoding: SourceEncoding | undefined): CompiledFilter {
  const compile = (c: BoundCondition, elementLevel: boolean) =>
    compileCondition(c, elementLevel, encoding && epochReading(encoding, c.path.type));
  const units: Unit[] = [
    ...filter.conditions.map((c) => conditionUnit(compile(c, false))),
    ...filter.arrayGroups.map((g) => groupUnit(g, compile)),
  ].sort((a, b) => a.position - b.position);
  return {
    filter,
    // The fast path is generated code; the units below explain misses with the same semantics.
    matches: generatePredicate(filter, encoding),
    explainMiss(event, now) {
      for (const u of units) {
        const miss = u.explain(event, now);
        if (miss) return { filterId: filter.id, ...miss };
      }
      return undefined;
    },
  };
}

function conditionUnit(c: CompiledCondition): Unit {
  return {
    position: c.condition.source.span.start,
    explain(event, now) {
      const e = c.explain(event, now);
      return e.holds ? undefined : { failedCondition: c.condition, actual: e.actual, reason: e.reason };
    },
  };
}

/** EXISTS an element of the array on which every condition of the group holds. */
function groupUnit(group: ArrayGroup, compile: (c: BoundCondition, elementLevel: boolean) => CompiledCondition): Unit {
  const getArray = makeGetter(arraySteps(group));
  const conditions = group.conditions.map((c) => compile(c, true));
  return {
    position: Math.min(...group.conditions.map((c) => c.source.span.start)),
    explain(event, now) {
      const arr = getArray(event);
      const first = conditions[0];
      if (!Array.isArray(arr) || arr.length === 0) {
        const what =
          arr === undefined
            ? 'is missing'
            : arr === null
              ? 'is null'
              : Array.isArray(arr)
                ? 'is empty'
                : 'is not an array';
        return {
          failedCondition: first.condition,
          actual: arr ?? null,
          reason: `${group.arrayPath} ${what}: no element can satisfy the condition`,
        };
      }
      // The closest element: the one satisfying the most conditions before its first failure.
      let best: {
        index: number;
        passed: number;
        failure?: ReturnType<CompiledCondition['explain']>;
        condition?: CompiledCondition;
      } = { index: -1, passed: -1 };
      for (let i = 0; i < arr.length; i++) {
        let passed = 0;
        for (const c of conditions) {
          const e = c.explain(arr[i], now);
          if (!e.holds) {
            if (passed > best.passed) best = { index: i, passed, failure: e, condition: c };
            break;
          }
          passed++;
        }
        if (passed === conditions.length) return undefined;
      }
      const together =
        conditions.length > 1
          ? ` (the ${conditions.length} conditions on ${group.arrayPath}[] must hold on the same element)`
          : '';
      return {
        failedCondition: best.condition!.condition,
        actual: best.failure!.actual,
        reason: `no element of ${group.arrayPath} matches${together}; closest, element #${best.index + 1}: ${best.failure!.reason}`,
      };
    },
  };
}

function arraySteps(group: ArrayGroup) {
  const steps = group.conditions[0].path.steps;
  return steps.slice(0, steps.findIndex((s) => s.segment.intoArray) + 1);
}
