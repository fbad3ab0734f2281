import { ConfigResourceTypes, type Admin } from 'kafkajs';

/**
 * The Kafka release a broker runs, as far as the wire protocol lets a client tell.
 *
 * Kafka has no "version" API: ApiVersions lists protocol versions, not the release. A 3.x broker's
 * `inter.broker.protocol.version` defaults to its own release's metadata version ("3.8-IV0"), which
 * is what `kafka-features`/`kafka-configs` users read as the version. Kafka 4 removed that setting
 * and managed clusters may refuse DescribeConfigs: then the release is unknown (undefined), never a guess.
 */
export async function brokerVersion(admin: Admin, brokerId: number): Promise<string | undefined> {
  try {
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [
        { type: ConfigResourceTypes.BROKER, name: String(brokerId), configNames: ['inter.broker.protocol.version'] },
      ],
    });
    const value = described.resources[0]?.configEntries.find(
      (e) => e.configName === 'inter.broker.protocol.version',
    )?.configValue;
    return releaseOf(value);
  } catch {
    return undefined;
  }
}

/** "3.8-IV0" → "3.8"; anything not shaped like a metadata version → undefined. */
export function releaseOf(protocolVersion: string | null | undefined): string | undefined {
  const m = /^(\d+\.\d+)(?:\.\d+)?(?:-IV\d+)?$/.exec(protocolVersion?.trim() ?? '');
  return m ? m[1] : undefined;
}
