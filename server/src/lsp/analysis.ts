import type { AvroSchemaModel } from '../avro/avroTypes';
import type { BoundDocument } from '../binding/boundTypes';
import type { FiltersDocument } from '../model/filterTypes';
import type { Problem } from '../validation/diagnostic';

/** Everything the language features know about one open filters file at one version. */
export interface Analysis {
  uri: string;
  /** Absolute path of the file on disk (documents are always file-backed here). */
  file: string;
  version: number;
  doc: FiltersDocument;
  /** Undefined when the schema is missing or unreadable (a problem at source.schema says why). */
  schema?: AvroSchemaModel;
  bound: BoundDocument;
  problems: Problem[];
}
