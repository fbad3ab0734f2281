import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO } from '../lsp/lspSession';

export const EXAMPLE = path.join(REPO, 'examples/cdc-streaming');
export const FILTERS = 'flink-jobs/filters.yaml';

/**
 * The example workspace without its connector (the stack's connector is shared: these tests leave it alone),
 * reading `sourceTopic` and writing topics prefixed with `run`, so nothing another test made hides what a
 * deploy does and no other routing job is touched.
 */
export function exampleWorkspace(run: string, sourceTopic: string): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-deploy-it-'));
  fs.cpSync(path.join(EXAMPLE, 'schemas'), path.join(ws, 'schemas'), { recursive: true });
  fs.mkdirSync(path.join(ws, 'flink-jobs'));
  const text = fs
    .readFileSync(path.join(EXAMPLE, FILTERS), 'utf8')
    .replace(/topic: raw-business-events/, `topic: ${sourceTopic}`)
    .replace(/outputTopic: filtered-/g, `outputTopic: ${run}-`);
  fs.writeFileSync(path.join(ws, FILTERS), text);
  return ws;
}

/** A profiles file (the `--profiles-file` shape) holding these profiles. */
export function writeProfiles(ws: string, profiles: unknown[]): string {
  const file = path.join(ws, 'profiles.json');
  fs.writeFileSync(file, JSON.stringify({ 'cdcRouting.profiles': profiles }));
  return file;
}
