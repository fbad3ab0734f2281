import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ConnectionProfile } from '../../../server/src/platform/connectionProfile';

export const EXAMPLE = path.resolve(__dirname, '../../../examples/cdc-streaming');

/** A copy of the example workspace in a temp folder, with only the files a deploy reads. */
export function exampleCopy(onlyFilters = ['filters.yaml']): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-deploy-unit-'));
  for (const sub of ['schemas', 'connectors'])
    fs.cpSync(path.join(EXAMPLE, sub), path.join(dir, sub), { recursive: true });
  fs.mkdirSync(path.join(dir, 'flink-jobs'));
  for (const f of onlyFilters) fs.copyFileSync(path.join(EXAMPLE, 'flink-jobs', f), path.join(dir, 'flink-jobs', f));
  return dir;
}

export const PROFILE: ConnectionProfile = {
  name: 'test',
  kafka: { bootstrapServers: ['kafka-1:9092', 'kafka-2:9092'] },
  connect: { url: 'http://connect:8083' },
  flink: { restUrl: 'http://flink:8081', sqlGatewayUrl: 'http://flink:8083' },
  schemaRegistry: { url: 'http://registry:8081' },
  topicDefaults: { partitions: 6, replicationFactor: 3 },
  connectorOverrides: { 'database.hostname': 'db.internal' },
};
