import { setMaxFileBytes } from '../files/boundedRead';
import { UsageError, type CliCommand, type CliIo } from './cliCommand';
import { deployCommand } from './commands/deploy';
import { generateCommand } from './commands/generate';
import { lspCommand } from './commands/lsp';
import { planCommand } from './commands/plan';
import { statusCommand } from './commands/status';
import { tailCommand } from './commands/tail';
import { testCommand } from './commands/test';
import { validateCommand } from './commands/validate';

const commands: CliCommand[] = [
  validateCommand,
  generateCommand,
  testCommand,
  planCommand,
  deployCommand,
  statusCommand,
  tailCommand,
  lspCommand,
];

function help(io: CliIo): void {
  io.out('cdc-routing — check, generate, test and deploy the routing rules of a CDC pipeline\n');
  for (const c of commands) io.out(`  ${c.usage}\n      ${c.summary}`);
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    help(io);
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`cdc-routing: unknown command "${name}"; one of ${commands.map((c) => c.name).join(', ')}`);
    return 2;
  }
  setMaxFileBytes(io.env.CDC_ROUTING_MAX_FILE_BYTES);
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`cdc-routing ${name}: ${(err as Error).message}\nusage: ${command.usage}`);
      return 2;
    }
    io.err(`cdc-routing ${name}: ${(err as Error).message}`);
    return 2;
  }
}

/** Runs the CLI on this process's arguments and sets its exit code. */
export function main(): void {
  const io: CliIo = {
    out: (l) => process.stdout.write(l + '\n'),
    err: (l) => process.stderr.write(l + '\n'),
    cwd: process.cwd(),
    env: process.env,
  };
  void runCli(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) main();
