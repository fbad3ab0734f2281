import * as fs from 'fs';
import * as path from 'path';
import { readBoundedText, tryReadBoundedText, FileReadError } from '../files/boundedRead';
import type { FiltersDocument } from '../model/filterTypes';
import type { Span } from '../model/span';
import { AvroSchemaError, loadAvroSchema } from './loadAvroSchema';
import type { AvroSchemaModel } from './avroTypes';

/** Where the schema of a filters file is, by the format's rule: `source.schema` relative to the file,
 * else the nearest `schemas/raw-event.avsc` up the directory tree. */
function locateSchema(
  doc: FiltersDocument,
  filtersFile: string,
  override?: string,
): { file?: string; declared?: Span } {
  if (override) return { file: path.resolve(override) };
  const declared = doc.source?.schema;
  if (declared) return { file: path.resolve(path.dirname(filtersFile), declared.value), declared: declared.span };
  let dir = path.dirname(path.resolve(filtersFile));
  for (;;) {
    const candidate = path.join(dir, 'schemas', 'raw-event.avsc');
    if (fs.existsSync(candidate)) return { file: candidate };
    const parent = path.dirname(dir);
    if (parent === dir) return {};
    dir = parent;
  }
}

export type SchemaLoad =
  { ok: true; schema: AvroSchemaModel } | { ok: false; message: string; declared?: Span; file?: string };

/** Reads and parses schemas, reusing the parse while the file's size and mtime are unchanged. */
export class SchemaCache {
  private readonly entries = new Map<string, { mtimeMs: number; size: number; result: SchemaLoad }>();

  load(file: string): SchemaLoad {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      // Not there, a symlink loop, a part of the path not a folder: the bounded read says which.
      const read = tryReadBoundedText(file);
      const found = !read.ok && read.error.reason !== 'not-found';
      return {
        ok: false,
        file,
        message: found ? `Avro schema ${read.error.message}` : `Avro schema not found: ${file}`,
      };
    }
    const hit = this.entries.get(file);
    if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.result;
    let result: SchemaLoad;
    try {
      result = { ok: true, schema: loadAvroSchema(readBoundedText(file), file) };
    } catch (err) {
      if (err instanceof FileReadError) return { ok: false, file, message: `Avro schema ${err.message}` };
      const message = err instanceof AvroSchemaError ? err.message : (err as Error).message;
      result = { ok: false, file, message: `Avro schema ${path.basename(file)} is unreadable: ${message}` };
    }
    this.entries.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, result });
    return result;
  }
}

/** The schema for a filters file, or why there is none (with the span to report it at). */
export function schemaFor(
  doc: FiltersDocument,
  filtersFile: string,
  cache: SchemaCache,
  override?: string,
): SchemaLoad {
  const where = locateSchema(doc, filtersFile, override);
  if (!where.file) {
    return {
      ok: false,
      message: 'No Avro schema: set source.schema, or put schemas/raw-event.avsc in a folder above this file.',
    };
  }
  const result = cache.load(where.file);
  return result.ok ? result : { ...result, declared: where.declared };
}
