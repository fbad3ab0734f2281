import type { ResolvedStep } from '../avro/fieldPath';

/** Reads one JSON value by keys. `undefined` = missing, `null` = JSON null; both are SQL NULL. */
export type Getter = (container: unknown) => unknown;

function step(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  // Own properties only: a map key such as "constructor" must not reach Object.prototype.
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/** Compiles the property accesses of resolved steps into one function (called per event, so kept tight). */
export function makeGetter(steps: readonly ResolvedStep[]): Getter {
  const keys = steps.map((s) => s.field?.name ?? s.mapKey ?? s.segment.name);
  switch (keys.length) {
    case 0:
      return (c) => c;
    case 1: {
      const [a] = keys;
      return (c) => step(c, a);
    }
    case 2: {
      const [a, b] = keys;
      return (c) => step(step(c, a), b);
    }
    case 3: {
      const [a, b, d] = keys;
      return (c) => step(step(step(c, a), b), d);
    }
    default:
      return (c) => {
        let v = c;
        for (const k of keys) v = step(v, k);
        return v;
      };
  }
}
