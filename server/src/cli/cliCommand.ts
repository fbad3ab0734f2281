/** What every CLI subcommand gets and returns. Exit codes: 0 ok, 1 problems found, 2 usage or I/O error. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export class UsageError extends Error {}
