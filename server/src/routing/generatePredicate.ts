import type { ResolvedStep } from '../avro/fieldPath';
import type { BoundCondition, BoundFilter, Literal } from '../binding/boundTypes';
import { epochReading } from '../binding/epochEncoding';
import type { SourceEncoding } from '../model/filterTypes';
import { compileJavaRegex } from '../regex/compileJavaRegex';
import { parseDecimal } from './decimal';
import * as fast from './fastValues';
import { numericSortOf } from './sqlValues';

/** A filter's verdict: TRUE routes; FALSE and NULL do not. */
export type Predicate = (event: unknown, now: number) => boolean;

/**
 * Generates one JavaScript function per filter: property reads inlined (each filter's code sees one
 * event shape, so V8 keeps its property caches monomorphic), literals as constants, helpers only for
 * conversions. Same semantics as compileCondition.ts (the explaining path); the semantic cases and a
 * differential test check that both agree on every event.
 */
export function generatePredicate(filter: BoundFilter, encoding?: SourceEncoding): Predicate {
  const constants: unknown[] = [];
  const k = (value: unknown) => {
    constants.push(value);
    return `k[${constants.length - 1}]`;
  };
  let counter = 0;
  const temp = () => `t${counter++}`;
  const declared: string[] = [];
  const body: string[] = [];

  const units = [
    ...filter.conditions.map((c) => ({
      position: c.source.span.start,
      code: () => `if (!(${conditionCode(c, 'e', false)})) return false;`,
    })),
    ...filter.arrayGroups.map((g) => ({
      position: Math.min(...g.conditions.map((c) => c.source.span.start)),
      code: () => {
        const arr = temp();
        const i = temp();
        const el = temp();
        const found = temp();
        declared.push(arr, i, el, found);
        const steps = g.conditions[0].path.steps;
        const arraySteps = steps.slice(0, steps.findIndex((s) => s.segment.intoArray) + 1);
        const tests = g.conditions.map((c) => conditionCode(c, el, true));
        return [
          `${arr} = ${getterCode(arraySteps, 'e')};`,
          `if (!Array.isArray(${arr})) return false;`,
          `${found} = false;`,
          `for (${i} = 0; ${i} < ${arr}.length; ${i}++) { ${el} = ${arr}[${i}]; if (${tests.map((t) => `(${t})`).join(' && ')}) { ${found} = true; break; } }`,
          `if (!${found}) return false;`,
        ].join('\n');
      },
    })),
  ].sort((a, b) => a.position - b.position);

  function getterCode(steps: readonly ResolvedStep[], from: string): string {
    let expr = from;
    for (const s of steps) {
      const key = s.field?.name ?? s.mapKey ?? s.segment.name;
      const t = temp();
      declared.push(t);
      // Keys that name something on Object.prototype / Array.prototype go through an own-property check.
      expr =
        key in Object.prototype || key in Array.prototype
          ? `h.own(${expr}, ${JSON.stringify(key)})`
          : `((${t} = ${expr}) !== null && typeof ${t} === 'object' ? ${t}[${JSON.stringify(key)}] : undefined)`;
    }
    return expr;
  }

  function conditionCode(c: BoundCondition, from: string, elementLevel: boolean): string {
    const steps = elementLevel
      ? c.path.steps.slice(c.path.steps.findIndex((s) => s.segment.intoArray) + 1)
      : c.path.steps;
    const raw = temp();
    declared.push(raw);
    const read = `(${raw} = ${getterCode(steps, from)})`;
    const op = c.operator.name;
    if (op === 'exists') return `${read} != null`;
    const kind = c.castToNumber ? 'number' : c.path.kind;
    const v = temp();
    const c3 = temp();
    declared.push(v, c3);
    const ops = c.operands;
    switch (kind) {
      case 'number': {
        const sort = numericSortOf(c.path.type, c.castToNumber);
        const conv = c.castToNumber
          ? `h.cast(${raw})`
          : sort.kind === 'exact'
            ? `h.num(${raw}, ${10 ** (sort.precision - sort.scale)}, ${sort.precision}, ${sort.scale})`
            : `h.num(${raw}, 0, 0, 0)`;
        const cmp = (i: number) => {
          const lit = ops[i] as Extract<Literal, { type: 'number' }>;
          if (sort.kind === 'double') return `Math.sign(${v} - ${lit.value})`;
          if (sort.kind === 'float') return `Math.sign(Math.fround(${v}) - ${lit.value})`;
          const dec = k(parseDecimal(lit.text) ?? parseDecimal(String(lit.value)));
          const margin = 10 ** -sort.scale;
          // Far from the literal, floating point decides (monotonic rounding); near it, the decimal digits do.
          return `(${v} - ${lit.value} > ${margin} + 1e-12 * (Math.abs(${v}) + ${Math.abs(lit.value)}) ? 1 : ${v} - ${lit.value} < -(${margin} + 1e-12 * (Math.abs(${v}) + ${Math.abs(lit.value)})) ? -1 : ${v} !== ${v} ? NaN : h.exact(${raw}, ${sort.precision}, ${sort.scale}, ${dec}))`;
        };
        return `(${raw} = ${getterCode(steps, from)}, ${raw} != null && (${v} = ${conv}) === ${v} && ${ordered(op, cmp, ops.length, c3)})`;
      }
      case 'timestamp':
      case 'date': {
        // epoch-millis sources: the BIGINT (ms or µs) or INT (days) as Flink reads it, literals in the same unit
        const epoch = encoding && epochReading(encoding, c.path.type);
        const perMilli = epoch?.perMilli ?? 1;
        const conv = epoch
          ? epoch.unit === 'days'
            ? `h.epochInt(${raw})`
            : `h.epochLong(${raw})`
          : kind === 'timestamp'
            ? `h.ts(${raw})`
            : `h.date(${raw})`;
        const value = (l: Literal) => (l.type === 'timestamp' ? l.millis * perMilli : l.type === 'date' ? l.days : NaN);
        if (op === 'withinLast') return `(${read}, (${v} = ${conv}) > (now - ${c.durationMillis ?? 0}) * ${perMilli})`;
        const cmp = (i: number) => `(${v} - ${value(ops[i])})`;
        return `(${read}, (${v} = ${conv}) === ${v} && ${ordered(op, cmp, ops.length, c3)})`;
      }
      case 'boolean': {
        const b = (ops[0] as { value: boolean }).value;
        if (op === 'equals') return `(${read}, h.bool(${raw}) === ${b})`;
        if (op === 'notEquals') return `(${read}, (${v} = h.bool(${raw})) !== null && ${v} !== ${b})`;
        return 'false';
      }
      default: {
        const conv = `(typeof ${raw} === 'string' ? ${raw} : h.str(${raw}))`;
        const strings = ops.map((l) => (l.type === 'string' ? l.value : String((l as { value: unknown }).value)));
        switch (op) {
          case 'equals':
            return `(${read}, ${conv} === ${JSON.stringify(strings[0])})`;
          case 'notEquals':
            return `(${read}, (${v} = ${conv}) !== null && ${v} !== ${JSON.stringify(strings[0])})`;
          case 'in':
            return `(${read}, (${v} = ${conv}) !== null && ${k(new Set(strings))}.has(${v}))`;
          case 'notIn':
            return `(${read}, (${v} = ${conv}) !== null && !${k(new Set(strings))}.has(${v}))`;
          case 'matches': {
            const find = compileJavaRegex(strings[0]).find;
            return find ? `(${read}, (${v} = ${conv}) !== null && ${k(find)}(${v}))` : 'false';
          }
          default:
            return 'false';
        }
      }
    }
  }

  for (const u of units) {
    body.push(u.code());
  }
  const source = `${declared.length ? `let ${declared.join(', ')};\n` : ''}${body.join('\n')}\nreturn true;`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function('k', 'h', `return function ${safeName(filter.id)}(e, now) {\n${source}\n};`) as (
    k: unknown[],
    h: typeof fast,
  ) => Predicate;
  return factory(constants, fast);
}

/** A comparison operator over cmp(i) (negative, zero, positive; NaN = NULL, which every test rejects). */
function ordered(op: string, cmp: (i: number) => string, n: number, c: string): string {
  switch (op) {
    case 'equals':
      return `${cmp(0)} === 0`;
    case 'notEquals':
      return `((${c} = ${cmp(0)}) !== 0 && ${c} === ${c})`;
    case 'in':
      return `(${Array.from({ length: n }, (_, i) => `${cmp(i)} === 0`).join(' || ')})`;
    case 'notIn':
      return `(${Array.from({ length: n }, (_, i) => `((${c} = ${cmp(i)}) !== 0 && ${c} === ${c})`).join(' && ')})`;
    case 'greaterThan':
      return `${cmp(0)} > 0`;
    case 'lessThan':
      return `${cmp(0)} < 0`;
    case 'greaterThanOrEqual':
      return `${cmp(0)} >= 0`;
    case 'lessThanOrEqual':
      return `${cmp(0)} <= 0`;
    case 'between':
      return `(${cmp(0)} >= 0 && ${cmp(1)} <= 0)`;
    default:
      return 'false';
  }
}

function safeName(id: string): string {
  return `filter_${id.replace(/[^A-Za-z0-9_]/g, '_')}`.slice(0, 60);
}
