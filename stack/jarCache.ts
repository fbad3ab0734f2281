import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { StackConfig } from './config';

/** The jar sets of the stack, one pom each under stack/maven/. */
export type JarComponent = 'kafka' | 'connect' | 'debezium' | 'flink' | 'schema-registry';

const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.6.1';
/** Jar sets are copied; the Schema Registry is published as an application zip, which is unpacked. */
const GOAL: Record<JarComponent, string> = {
  kafka: 'copy-dependencies',
  connect: 'copy-dependencies',
  debezium: 'copy-dependencies',
  flink: 'copy-dependencies',
  'schema-registry': 'unpack-dependencies',
};
const COMPLETE_MARKER = '.complete';

function pomPath(config: StackConfig, component: JarComponent): string {
  return path.join(config.repoDir, 'stack', 'maven', `${component}.xml`);
}

/** The pinned version of a component: the <version> of its pom's own project element. */
function componentVersion(config: StackConfig, component: JarComponent): string {
  const pom = fs.readFileSync(pomPath(config, component), 'utf8');
  const match = /<artifactId>[^<]+<\/artifactId>\s*<version>([^<]+)<\/version>\s*<packaging>pom<\/packaging>/.exec(pom);
  if (!match)
    throw new Error(`${pomPath(config, component)} has no project <version> followed by <packaging>pom</packaging>`);
  return match[1];
}

export function jarDir(config: StackConfig, component: JarComponent): string {
  return path.join(config.jarCacheDir, `${component}-${componentVersion(config, component)}`);
}

function runMaven(args: string[], logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const log = fs.openSync(logFile, 'a');
    const child = spawn('mvn', args, { stdio: ['ignore', log, log] });
    child.once('error', (err) => {
      fs.closeSync(log);
      reject(new Error(`could not run mvn (${err.message}); install Maven 3.8+ and put it on PATH`));
    });
    child.once('exit', (code) => {
      fs.closeSync(log);
      if (code === 0) resolve();
      else reject(new Error(`mvn exited with ${code} while fetching jars; see ${logFile}`));
    });
  });
}

/**
 * Makes sure a component's jars are in the cache and returns their folder. A folder without the completion
 * marker (an interrupted download) is fetched again; a complete one is used as is, so warm starts never run Maven.
 */
export function ensureJars(config: StackConfig, component: JarComponent, logFile: string): Promise<string> {
  const dir = jarDir(config, component);
  if (fs.existsSync(path.join(dir, COMPLETE_MARKER))) return Promise.resolve(dir);
  // Services that share a component (the three Flink processes) share one download.
  let pending = inFlight.get(dir);
  if (!pending) {
    pending = download(config, component, dir, logFile).finally(() => inFlight.delete(dir));
    inFlight.set(dir, pending);
  }
  return pending;
}

const inFlight = new Map<string, Promise<string>>();

async function download(config: StackConfig, component: JarComponent, dir: string, logFile: string): Promise<string> {
  fs.mkdirSync(config.jarCacheDir, { recursive: true });
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const partial = `${dir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  await runMaven(
    [
      '-B',
      '-q',
      '-f',
      pomPath(config, component),
      `${DEPENDENCY_PLUGIN}:${GOAL[component]}`,
      `-DoutputDirectory=${partial}`,
      '-DincludeScope=runtime',
    ],
    logFile,
  );
  fs.writeFileSync(path.join(partial, COMPLETE_MARKER), `${new Date().toISOString()}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(partial, dir);
  return dir;
}

/** A java -cp value with every jar of the folders, in a stable order. */
export function classpathOf(...dirs: string[]): string {
  return dirs
    .flatMap((dir) =>
      fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.jar'))
        .sort()
        .map((f) => path.join(dir, f)),
    )
    .join(path.delimiter);
}
