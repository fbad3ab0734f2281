import type { ServiceHealth } from '../platformError';

export interface SchemaRegistryClient {
  health(): Promise<ServiceHealth>;
  subjects(): Promise<string[]>;
  /** The latest version of a subject, or undefined if the subject does not exist. */
  latest(subject: string): Promise<{ id: number; version: number; schema: string } | undefined>;
  /** Whether `schema` may be registered as the next version (true when the subject is new). */
  checkCompatibility(subject: string, schema: string): Promise<{ compatible: boolean; messages: string[] }>;
  register(subject: string, schema: string): Promise<number>;
  /** The schema text of an id (for decoding Confluent wire-format records); cached. */
  schemaById(id: number): Promise<string>;
}
