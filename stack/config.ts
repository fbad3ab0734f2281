import * as os from 'os';
import * as path from 'path';
import {
  LOCAL_STACK_DATABASE,
  LOCAL_STACK_HOST,
  LOCAL_STACK_PORT_ENV,
  localStackPorts,
  type LocalStackPorts,
} from '../server/src/platform/localStackAddresses';

/** Where everything of one local stack lives, and which loopback ports it uses. */
export interface StackConfig {
  /** Repository root: the example workspace, the poms and the conf templates are read from here. */
  repoDir: string;
  /** Data dirs, logs and pid files (`${CDC_ROUTING_STACK_DIR:-<repo>/.stack}`). */
  stackDir: string;
  /** Downloaded jars, shared by every checkout on the machine (`${CDC_ROUTING_CACHE:-~/.cache/cdc-routing}/stack-jars`). */
  jarCacheDir: string;
  host: typeof LOCAL_STACK_HOST;
  ports: StackPorts;
  /** The database the example's entity tables live in. */
  database: { name: string; user: string; password: string };
  /** PostgreSQL's binaries (initdb, postgres, psql, pg_isready). */
  pgBinDir: string;
  javaBin: string;
}

// The host, ports and database are the server's (the built-in `local` profile connects to them): one table.
export type StackPorts = LocalStackPorts;
export const PORT_ENV = LOCAL_STACK_PORT_ENV;

export interface StackConfigOverrides {
  repoDir?: string;
  stackDir?: string;
  jarCacheDir?: string;
  ports?: Partial<StackPorts>;
}

export function resolveStackConfig(
  overrides: StackConfigOverrides = {},
  env: NodeJS.ProcessEnv = process.env,
): StackConfig {
  const repoDir = overrides.repoDir ?? path.resolve(__dirname, '..');
  const cacheRoot = env.CDC_ROUTING_CACHE || path.join(os.homedir(), '.cache', 'cdc-routing');
  const ports = localStackPorts(env, overrides.ports);
  const javaHome = env.JAVA_HOME;
  return {
    repoDir,
    stackDir: path.resolve(overrides.stackDir ?? (env.CDC_ROUTING_STACK_DIR || path.join(repoDir, '.stack'))),
    jarCacheDir: path.resolve(overrides.jarCacheDir ?? path.join(cacheRoot, 'stack-jars')),
    host: LOCAL_STACK_HOST,
    ports,
    database: { ...LOCAL_STACK_DATABASE, password: 'postgres' },
    pgBinDir: env.CDC_STACK_PG_BIN || '/usr/lib/postgresql/15/bin',
    javaBin: javaHome ? path.join(javaHome, 'bin', 'java') : 'java',
  };
}
