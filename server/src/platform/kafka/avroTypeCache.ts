import avro from 'avsc';
import type { SchemaRegistryClient } from '../registry/registryTypes';

/** How long an id the registry could not give is left alone before asking again. */
const RETRY_FAILED_AFTER_MS = 30_000;

/**
 * Avro types by Confluent schema id, parsed once. Loading is async (a registry call) and decoding is
 * sync, so a batch first `load`s the ids it holds and then decodes every record without awaiting.
 */
export class AvroTypeCache {
  private readonly types = new Map<number, avro.Type>();
  private readonly failed = new Map<number, number>();

  constructor(
    private readonly registry: SchemaRegistryClient | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** The parsed type of a loaded id; undefined when unknown or unloadable (the record then shows as binary). */
  typeOf(id: number): avro.Type | undefined {
    return this.types.get(id);
  }

  async load(ids: Iterable<number>): Promise<void> {
    if (!this.registry) return;
    const wanted = [...new Set(ids)].filter((id) => !this.types.has(id) && !this.recentlyFailed(id));
    await Promise.all(
      wanted.map(async (id) => {
        try {
          const text = await this.registry!.schemaById(id);
          this.types.set(id, avro.Type.forSchema(JSON.parse(text) as avro.Schema));
          this.failed.delete(id);
        } catch {
          this.failed.set(id, this.now());
        }
      }),
    );
  }

  private recentlyFailed(id: number): boolean {
    const at = this.failed.get(id);
    return at !== undefined && this.now() - at < RETRY_FAILED_AFTER_MS;
  }
}
