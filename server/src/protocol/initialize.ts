/** What the client sends in `initialize` (its `initializationOptions`); both are the client's settings. */
export interface InitializationOptions {
  /** `cdcRouting.schemaPath`: a schema that overrides each file's own rule. */
  schemaPath?: string;
  /** `cdcRouting.samples`: sample files or folders, relative to the filters file; empty = the nearest samples/. */
  samples?: string[];
  /** `cdcRouting.maxFileBytes`: the largest filters, schema, samples or test file the server reads. */
  maxFileBytes?: number;
}
