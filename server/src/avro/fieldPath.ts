import type { Span } from '../model/span';
import { kindOf, type AvroField, type AvroType } from './avroTypes';
import type { FieldKind } from '../model/operators';

/** One dotted segment of a field path: `name`, or `name[]` to step into the array's elements. */
export interface PathSegment {
  name: string;
  intoArray: boolean;
  /** Offsets of the segment inside the path string. */
  start: number;
  end: number;
}

export function splitPath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let start = 0;
  for (const part of path.split('.')) {
    const intoArray = part.endsWith('[]');
    segments.push({ name: intoArray ? part.slice(0, -2) : part, intoArray, start, end: start + part.length });
    start += part.length + 1;
  }
  return segments;
}

/** How one segment was resolved: a record field, or a key of a map. */
export interface ResolvedStep {
  segment: PathSegment;
  /** The record field, when the segment names one (undefined for a map key). */
  field?: AvroField;
  mapKey?: string;
  /** The type reached after this step (after stepping into the array when `[]` is written). */
  type: AvroType;
  nullable: boolean;
}

export interface ResolvedPath {
  path: string;
  steps: ResolvedStep[];
  type: AvroType;
  kind: FieldKind | undefined;
  /** Any step on the way may be NULL (or a missing map key). */
  nullable: boolean;
  /** The path of the array that `[]` steps into (e.g. `eventBody.entities`), when there is one. */
  arrayPath?: string;
  /** The path inside the array's element (e.g. `updatedAttributes.loanAmount`). */
  elementPath?: string;
  /** True when the last step reads a map value by key. */
  viaMapKey: boolean;
}

export interface PathError {
  message: string;
  /** Offsets inside the path string. */
  start: number;
  end: number;
  /** Names that were valid at the failing segment (for "did you mean" and completion). */
  candidates: string[];
  /** The path up to (not including) the failing segment. */
  prefix: string;
}

export type PathResolution = { ok: true; resolved: ResolvedPath } | { ok: false; error: PathError };

/** Resolves a dotted field path against a record type. The array rule allows one `[]` step. */
export function resolvePath(root: AvroType, path: string): PathResolution {
  const segments = splitPath(path);
  const steps: ResolvedStep[] = [];
  let current: AvroType = root;
  let nullable = false;
  let arrayIndex = -1;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const prefix = path.slice(0, Math.max(0, seg.start - 1));
    const fail = (message: string, candidates: string[] = []): PathResolution => ({
      ok: false,
      error: { message, start: seg.start, end: seg.end, candidates, prefix },
    });
    if (seg.name === '') {
      // Said the way it reads while typing "eventHeader.": the path is unfinished, not wrong.
      const fields = current.kind === 'record' ? current.fields.map((f) => f.name) : [];
      if (i === 0) return fail('the field path is empty', fields);
      if (i === segments.length - 1) return fail(`"${path}" needs a field name after the dot`, fields);
      return fail(`a field name is missing after "${prefix}." (two dots in a row)`, fields);
    }
    let step: ResolvedStep;
    if (current.kind === 'record') {
      const field = current.fields.find((f) => f.name === seg.name);
      if (!field) {
        const where = prefix ? `record ${shortName(current.name)} (${prefix})` : `record ${shortName(current.name)}`;
        return fail(
          `unknown field "${seg.name}" in ${where}`,
          current.fields.map((f) => f.name),
        );
      }
      step = { segment: seg, field, type: field.type, nullable: field.nullable };
    } else if (current.kind === 'map') {
      step = { segment: seg, mapKey: seg.name, type: current.values, nullable: true };
    } else if (current.kind === 'array') {
      return fail(`"${prefix}" is an array: write "${prefix}[]" to test its elements`);
    } else {
      return fail(`"${prefix}" is a ${kindOf(current) ?? current.kind}, it has no field "${seg.name}"`);
    }
    nullable = nullable || step.nullable;
    if (seg.intoArray) {
      if (step.type.kind !== 'array') return fail(`"${path.slice(0, seg.end - 2)}" is not an array; remove "[]"`);
      if (arrayIndex >= 0)
        return fail('only one "[]" step per path is supported (nested arrays cannot be expressed in Flink SQL here)');
      arrayIndex = i;
      step = { ...step, type: step.type.items };
    }
    steps.push(step);
    current = step.type;
  }
  const last = steps[steps.length - 1];
  const resolved: ResolvedPath = {
    path,
    steps,
    type: current,
    kind: kindOf(current),
    nullable,
    viaMapKey: last?.mapKey !== undefined,
  };
  if (arrayIndex >= 0) {
    const seg = segments[arrayIndex];
    resolved.arrayPath = path.slice(0, seg.end - 2);
    resolved.elementPath = path.slice(seg.end + 1);
  }
  return { ok: true, resolved };
}

function shortName(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** A path that completion can offer, with the field it ends at (undefined for map keys). */
export interface PathEntry {
  path: string;
  type: AvroType;
  nullable: boolean;
  field?: AvroField;
  /** Leaves are scalars (and enums); the rest are records, arrays and maps one can step into. */
  leaf: boolean;
}

/**
 * Every path reachable from the root: records are walked, arrays appear as `name[]`, map values as
 * `name.<key>` for each key known from sample events. Named types that recur stop the walk.
 */
export function listPaths(root: AvroType, mapKeys: (mapPath: string) => Iterable<string> = () => []): PathEntry[] {
  const out: PathEntry[] = [];
  const walk = (type: AvroType, prefix: string, seen: Set<AvroType>, sawArray: boolean) => {
    if (type.kind === 'record') {
      if (seen.has(type)) return;
      const next = new Set(seen).add(type);
      for (const f of type.fields) {
        const path = prefix ? `${prefix}.${f.name}` : f.name;
        visit(f.type, path, f.nullable, f, next, sawArray);
      }
    } else if (type.kind === 'map') {
      for (const key of mapKeys(prefix)) visit(type.values, `${prefix}.${key}`, true, undefined, seen, sawArray);
    }
  };
  const visit = (
    type: AvroType,
    path: string,
    nullable: boolean,
    field: AvroField | undefined,
    seen: Set<AvroType>,
    sawArray: boolean,
  ) => {
    const leaf = type.kind !== 'record' && type.kind !== 'array' && type.kind !== 'map';
    out.push({ path, type, nullable, field, leaf });
    if (type.kind === 'array') {
      if (sawArray) return;
      out.push({
        path: `${path}[]`,
        type: type.items,
        nullable,
        field,
        leaf: type.items.kind !== 'record' && type.items.kind !== 'map',
      });
      walk(type.items, `${path}[]`, seen, true);
    } else {
      walk(type, path, seen, sawArray);
    }
  };
  walk(root, '', new Set(), false);
  return out;
}

/** Damerau-free Levenshtein distance, for "did you mean". */
function editDistance(a: string, b: string): number {
  const al = a.toLowerCase();
  const bl = b.toLowerCase();
  let prev = Array.from({ length: bl.length + 1 }, (_, j) => j);
  for (let i = 1; i <= al.length; i++) {
    const cur = [i];
    for (let j = 1; j <= bl.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (al[i - 1] === bl[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[bl.length];
}

/** The closest candidate within a distance that scales with the word, or undefined. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return bestDistance <= limit ? best : undefined;
}

/** Offsets of a path-string span inside the YAML scalar that holds it (quotes shift by one). */
export function spanInScalar(scalar: Span, quoted: boolean, start: number, end: number): Span {
  const base = scalar.start + (quoted ? 1 : 0);
  return { start: base + start, end: base + end };
}
