import type { ResolvedPath } from '../avro/fieldPath';
import { quoteIdentifier, stringLiteral } from './sqlLiterals';

/** Where a path's first segment is read from: the source row (optionally through a table alias), or an
 * UNNEST alias holding the elements of the path's array. */
export interface RefScope {
  /** Alias of the source table, or undefined to write top-level columns unqualified. */
  tableAlias?: string;
  /** The UNNEST alias of the array the path steps into, and the name of its single column when the
   * elements are not records. */
  element?: { alias: string; valueColumn: string };
}

/**
 * A field path as a Flink SQL expression: record fields with `.`, map values with `['key']` (a missing
 * key reads NULL), and the array step replaced by the UNNEST alias whose columns are the element's fields.
 */
export function columnRef(path: ResolvedPath, scope: RefScope): string {
  const steps = path.steps;
  let expr: string;
  let next: number;
  const arrayIndex = steps.findIndex((s) => s.segment.intoArray);
  if (arrayIndex >= 0) {
    if (!scope.element) throw new Error(`columnRef: ${path.path} steps into an array but no UNNEST alias is in scope`);
    const elementType = steps[arrayIndex].type;
    const alias = quoteIdentifier(scope.element.alias);
    if (elementType.kind === 'record' && steps[arrayIndex + 1]?.field) {
      expr = `${alias}.${quoteIdentifier(steps[arrayIndex + 1].field!.name)}`;
      next = arrayIndex + 2;
    } else {
      expr = `${alias}.${quoteIdentifier(scope.element.valueColumn)}`;
      next = arrayIndex + 1;
    }
  } else {
    const first = quoteIdentifier(steps[0].field!.name);
    expr = scope.tableAlias ? `${quoteIdentifier(scope.tableAlias)}.${first}` : first;
    next = 1;
  }
  for (let i = next; i < steps.length; i++) {
    const step = steps[i];
    expr += step.mapKey !== undefined ? `[${stringLiteral(step.mapKey)}]` : `.${quoteIdentifier(step.field!.name)}`;
  }
  return expr;
}

/** The path (e.g. `eventBody.entities`) of the array a path steps into, as an expression on the source row. */
export function arrayRef(path: ResolvedPath, tableAlias: string | undefined): string {
  const arrayIndex = path.steps.findIndex((s) => s.segment.intoArray);
  const parts = path.steps.slice(0, arrayIndex + 1);
  let expr = tableAlias ? quoteIdentifier(tableAlias) : '';
  parts.forEach((step, i) => {
    if (step.mapKey !== undefined) expr += `[${stringLiteral(step.mapKey)}]`;
    else expr += (i === 0 && !tableAlias ? '' : '.') + quoteIdentifier(step.field!.name);
  });
  return expr;
}
