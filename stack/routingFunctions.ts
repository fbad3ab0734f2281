// The Java functions the generated routing job calls (server/flink/**: cdc_routing_first_route, the array rule's
// per-record de-duplication), compiled against the stack's Flink jars into one jar. The stack puts it on the
// Flink classpath; `npm run flink:functions` writes it for a cluster of one's own (its lib/ folder).
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { StackConfig } from './config';
import { classpathOf } from './jarCache';

export const FUNCTIONS_JAR = 'cdc-routing-flink-functions.jar';

/** Every file under server/flink: the .java sources and the resources (META-INF/services, which lists the
 * format factory for Flink's ServiceLoader lookup), in a stable order. */
function flinkFiles(repoDir: string): string[] {
  const root = path.join(repoDir, 'server', 'flink');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(root);
  return out.sort();
}

/**
 * The folder holding the functions jar, built once per content of the sources (cached beside the stack's jars).
 * `flinkJars` is the folder of the Flink jars it compiles against (only flink-table-common is needed at run time,
 * and the cluster has it).
 */
export function ensureRoutingFunctions(config: StackConfig, flinkJars: string): string {
  const files = flinkFiles(config.repoDir);
  const sources = files.filter((f) => f.endsWith('.java'));
  const resources = files.filter((f) => f.includes(`${path.sep}META-INF${path.sep}`));
  const hash = createHash('sha256');
  for (const s of [...sources, ...resources])
    hash.update(path.relative(config.repoDir, s)).update('\0').update(fs.readFileSync(s));
  const dir = path.join(config.jarCacheDir, `routing-functions-${hash.digest('hex').slice(0, 12)}`);
  const jar = path.join(dir, FUNCTIONS_JAR);
  if (fs.existsSync(jar)) return dir;
  const partial = `${dir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  const classes = path.join(partial, 'classes');
  fs.mkdirSync(classes, { recursive: true });
  // --release 11: Flink 1.20 and 2.x clusters run on Java 11 or later.
  execFileSync('javac', ['--release', '11', '-d', classes, '-cp', classpathOf(flinkJars), ...sources], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const root = path.join(config.repoDir, 'server', 'flink');
  for (const r of resources) {
    const to = path.join(classes, path.relative(root, r));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(r, to);
  }
  execFileSync('jar', ['--create', '--file', path.join(partial, FUNCTIONS_JAR), '-C', classes, '.'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  fs.rmSync(classes, { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(partial, dir);
  return dir;
}
