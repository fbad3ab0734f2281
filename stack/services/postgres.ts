import { spawn, spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { StackConfig } from '../config';
import { isPortOpen } from '../ports';
import { spawnService } from '../processes';
import type { ServiceContext, StackService } from '../service';
import { waitUntilServing } from '../startup';

const NAME = 'postgres';
/** Written after initdb and database creation succeeded: a data dir without it is half-written and is redone. */
const INITIALIZED_MARKER = 'cdc-routing-initialized';

interface RunAs {
  uid: number;
  gid: number;
  user: string;
}

/** PostgreSQL refuses to run as root; as root, the server runs as the Debian package's `postgres` user. */
function runAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) {
    throw new Error(
      'PostgreSQL refuses to run as root and there is no "postgres" user; run the stack as a normal user or create one (apt-get install postgresql-15 does).',
    );
  }
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid), user: 'postgres' };
}

function canWriteAs(dir: string, user: RunAs): boolean {
  return spawnSync('test', ['-w', dir], { uid: user.uid, gid: user.gid }).status === 0;
}

/**
 * The data dir. As root it must belong to the postgres user, and every folder above it must be passable for that
 * user; a checkout under a private home (e.g. /root) is not, so the data then lives in a per-stack folder under the
 * system temp dir instead.
 */
function postgresDataDir(ctx: ServiceContext): string {
  const preferred = ctx.layout.serviceData(NAME);
  const user = runAs();
  if (!user) return preferred;
  fs.mkdirSync(preferred, { recursive: true });
  fs.chownSync(preferred, user.uid, user.gid);
  if (canWriteAs(preferred, user)) return preferred;
  const hash = crypto.createHash('sha1').update(ctx.config.stackDir).digest('hex').slice(0, 10);
  const fallback = path.join(os.tmpdir(), `cdc-routing-postgres-${hash}`);
  fs.mkdirSync(fallback, { recursive: true, mode: 0o700 });
  fs.chownSync(fallback, user.uid, user.gid);
  return fallback;
}

function bin(config: StackConfig, tool: string): string {
  const file = path.join(config.pgBinDir, tool);
  if (!fs.existsSync(file)) {
    throw new Error(
      `${file} not found: install PostgreSQL 15 (apt-get install postgresql-15) or point CDC_STACK_PG_BIN at its bin folder.`,
    );
  }
  return file;
}

/** Runs SQL through psql against the stack's database; resolves with psql's output, rejects with its error text. */
export function psql(config: StackConfig, sql: string, database = config.database.name): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      bin(config, 'psql'),
      [
        '-X',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '-h',
        config.host,
        '-p',
        String(config.ports.postgres),
        '-U',
        config.database.user,
        '-d',
        database,
        '-At',
        '-f',
        '-',
      ],
      {
        env: { ...process.env, PGPASSWORD: config.database.password, PGCONNECT_TIMEOUT: '5' },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`psql failed (exit ${code}): ${err.trim()}`)),
    );
    child.stdin.end(sql);
  });
}

function initdb(ctx: ServiceContext, dataDir: string, user: RunAs | undefined): void {
  // Anything left by an interrupted earlier initdb is wiped: initdb needs an empty folder.
  for (const entry of fs.readdirSync(dataDir)) fs.rmSync(path.join(dataDir, entry), { recursive: true, force: true });
  const result = spawnSync(
    bin(ctx.config, 'initdb'),
    ['-D', dataDir, '-U', ctx.config.database.user, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-instructions'],
    { uid: user?.uid, gid: user?.gid, encoding: 'utf8' },
  );
  if (result.status !== 0)
    throw new Error(`initdb failed for ${dataDir}: ${(result.stderr || result.stdout || String(result.error)).trim()}`);
}

/** The example's SQL files, applied in name order on every start (they are idempotent). */
function schemaFiles(config: StackConfig): string[] {
  const dir = path.join(config.repoDir, 'examples', 'cdc-streaming', 'sql');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => path.join(dir, f));
}

export const postgresService: StackService = {
  name: NAME,
  stopSignal: 'SIGINT', // fast shutdown: SIGTERM would wait for Debezium's replication connection to close
  ports: (ctx) => [ctx.config.ports.postgres],

  async start(ctx) {
    const { config, layout } = ctx;
    const user = runAs();
    const dataDir = postgresDataDir(ctx);
    const marker = path.join(dataDir, INITIALIZED_MARKER);
    const fresh = !fs.existsSync(marker);
    if (fresh) initdb(ctx, dataDir, user);
    // A stale lock of a crashed server blocks start-up; our pid file already told us that server is gone.
    fs.rmSync(path.join(dataDir, 'postmaster.pid'), { force: true });

    const record = spawnService({
      service: NAME,
      command: bin(config, 'postgres'),
      args: [
        '-D',
        dataDir,
        '-c',
        `listen_addresses=${config.host}`,
        '-c',
        `port=${config.ports.postgres}`,
        '-c',
        'unix_socket_directories=',
        '-c',
        'wal_level=logical',
        '-c',
        'max_wal_senders=10',
        '-c',
        'max_replication_slots=10',
        '-c',
        'shared_buffers=64MB',
        '-c',
        'max_connections=50',
        // a throw-away development database: durability is traded for speed
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
      ],
      cwd: dataDir,
      logFile: layout.logFile(NAME),
      pidFile: layout.pidFile(NAME),
      uid: user?.uid,
      gid: user?.gid,
    });
    await waitUntilServing(NAME, record, layout.logFile(NAME), () => pgReady(config), 60_000);

    if (fresh) {
      await psql(config, `CREATE DATABASE ${config.database.name};`, 'postgres');
      fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
      if (user) fs.chownSync(marker, user.uid, user.gid);
    }
    for (const file of schemaFiles(config)) {
      await psql(config, fs.readFileSync(file, 'utf8')).catch((err: Error) => {
        throw new Error(`applying ${path.relative(config.repoDir, file)} failed: ${err.message}`);
      });
    }
  },

  async probe(ctx) {
    if (!(await pgReady(ctx.config))) return { ok: false, detail: 'not accepting connections' };
    try {
      const out = await psql(
        ctx.config,
        "SELECT current_setting('server_version') || ' wal_level=' || current_setting('wal_level') || ' outbox rows=' || (SELECT count(*) FROM business_events);",
      );
      return { ok: true, detail: `PostgreSQL ${out.trim()}` };
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  },
};

async function pgReady(config: StackConfig): Promise<boolean> {
  if (!(await isPortOpen(config.host, config.ports.postgres))) return false;
  const result = spawnSync(bin(config, 'pg_isready'), [
    '-q',
    '-h',
    config.host,
    '-p',
    String(config.ports.postgres),
    '-t',
    '2',
  ]);
  return result.status === 0;
}
