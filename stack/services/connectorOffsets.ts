import type { ServiceContext } from '../service';
import { httpJson } from '../httpJson';
import { waitFor } from '../waitFor';
import { psql } from './postgres';
import type { ConnectorFile } from './connect';

/**
 * Forgets the connector's stored source offsets when they point into a database that no longer has them.
 *
 * Debezium keeps the last PostgreSQL LSN it processed in Connect's offsets topic, and the replication slot in the
 * database. When the database was created anew (its data dir was half-written after a crash, or deleted) while
 * Kafka kept its data, the slot is gone but the old, higher LSN is still stored: Debezium would skip every change
 * until the new database's WAL reaches it. No slot plus stored offsets is exactly that case.
 */
export async function resetOffsetsWithoutSlot(ctx: ServiceContext, connector: ConnectorFile): Promise<boolean> {
  const slot = connector.config['slot.name'];
  if (!slot) return false;
  const slotExists =
    (
      await psql(
        ctx.config,
        `SELECT count(*) FROM pg_replication_slots WHERE slot_name = '${slot.replace(/'/g, "''")}';`,
      )
    ).trim() !== '0';
  if (slotExists) return false;
  const base = `http://${ctx.config.host}:${ctx.config.ports.connect}/connectors/${encodeURIComponent(connector.name)}`;
  const offsets = await httpJson<{ offsets?: unknown[] }>('GET', `${base}/offsets`);
  if (offsets.status === 404 || !offsets.body.offsets?.length) return false;

  // Offsets can only be changed while the connector is stopped (Kafka Connect 3.6+, KIP-875).
  await httpJson('PUT', `${base}/stop`);
  await waitFor(
    async () =>
      (await httpJson<{ connector: { state: string } }>('GET', `${base}/status`)).body.connector?.state === 'STOPPED',
    {
      timeoutMs: 30_000,
      what: `connector ${connector.name} to stop`,
    },
  );
  const reset = await httpJson<{ message?: string }>('DELETE', `${base}/offsets`);
  if (reset.status !== 200)
    throw new Error(
      `resetting the offsets of ${connector.name} failed (HTTP ${reset.status}): ${reset.body?.message ?? ''}`,
    );
  await httpJson('PUT', `${base}/resume`);
  return true;
}
