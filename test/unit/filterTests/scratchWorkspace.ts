import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const example = path.resolve(__dirname, '../../../examples/cdc-streaming');

/** A scratch workspace: flink-jobs/filters.yaml copied from the example, a test file, samples. */
export function scratch(testYaml: string, samples?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'filter-tests-'));
  fs.mkdirSync(path.join(dir, 'flink-jobs'));
  fs.mkdirSync(path.join(dir, 'schemas'));
  fs.mkdirSync(path.join(dir, 'samples'));
  fs.copyFileSync(path.join(example, 'schemas/raw-event.avsc'), path.join(dir, 'schemas/raw-event.avsc'));
  fs.copyFileSync(path.join(example, 'flink-jobs/filters.yaml'), path.join(dir, 'flink-jobs/filters.yaml'));
  fs.writeFileSync(
    path.join(dir, 'samples/events.jsonl'),
    samples ?? fs.readFileSync(path.join(example, 'samples/raw-events.jsonl'), 'utf8'),
  );
  fs.writeFileSync(path.join(dir, 'flink-jobs/filters.test.yaml'), testYaml);
  return dir;
}
