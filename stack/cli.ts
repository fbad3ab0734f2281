// npm run stack:up | stack:down | stack:status — the local stack from a terminal.
import * as fs from 'fs';
import * as path from 'path';
import { resolveStackConfig } from './config';
import { PortInUseError, stackStatus, startStack, stopStack, type StackStatus } from './index';
import { ensureJars } from './jarCache';
import { ensureRoutingFunctions, FUNCTIONS_JAR } from './routingFunctions';

function printStatus(status: StackStatus): void {
  const rows = [...status.services, status.connector];
  const width = Math.max(...rows.map((r) => r.service.length));
  for (const r of rows) {
    const where = r.address ? ` ${r.address}` : '';
    const pid = r.pid ? ` pid ${r.pid}` : '';
    console.log(`${r.service.padEnd(width)}  ${r.state.padEnd(9)}${where}${pid}  ${r.detail}`);
  }
  const e = status.endpoints;
  console.log(
    `\nKafka ${e.kafkaBootstrap} · Connect ${e.connectUrl} · Flink ${e.flinkRestUrl} · SQL Gateway ${e.sqlGatewayUrl} · PostgreSQL ${e.postgres.host}:${e.postgres.port}/${e.postgres.database}`,
  );
  console.log(`resident memory of the stack: ${status.residentMiB} MiB`);
}

async function main(command: string | undefined): Promise<number> {
  switch (command) {
    case 'up': {
      const started = await startStack({ onProgress: (m) => console.log(`• ${m}`) });
      console.log(
        `\nlocal stack up in ${(started.startedMs / 1000).toFixed(1)} s${started.alreadyRunning.length ? ` (already running: ${started.alreadyRunning.join(', ')})` : ''}\n`,
      );
      const status = await stackStatus();
      printStatus(status);
      return status.allUp ? 0 : 1;
    }
    case 'down': {
      const result = await stopStack();
      console.log(
        result.stopped.length ? `stopped: ${result.stopped.join(', ')}; no process left` : 'nothing was running',
      );
      return 0;
    }
    case 'functions': {
      // The jar a self-managed Flink needs on its classpath (lib/) for jobs that use the array rule.
      const config = resolveStackConfig();
      const dir = ensureRoutingFunctions(
        config,
        await ensureJars(config, 'flink', path.join(config.stackDir, 'maven.log')),
      );
      const out = path.join(config.repoDir, 'dist', FUNCTIONS_JAR);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.copyFileSync(path.join(dir, FUNCTIONS_JAR), out);
      console.log(
        `wrote ${path.relative(process.cwd(), out)}: put it in the lib/ folder of your Flink (JobManager, TaskManagers, SQL Gateway)`,
      );
      return 0;
    }
    case 'status': {
      const status = await stackStatus();
      printStatus(status);
      return status.allUp ? 0 : 1;
    }
    default:
      console.error('usage: node --import tsx stack/cli.ts up|down|status|functions');
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(
      err instanceof PortInUseError ? `cannot start the local stack:\n${err.message}` : `error: ${err.message}`,
    );
    process.exit(1);
  },
);
