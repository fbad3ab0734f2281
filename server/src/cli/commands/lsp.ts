import { UsageError, type CliCommand } from '../cliCommand';
import { runServer } from '../../main';

export const lspCommand: CliCommand = {
  name: 'lsp',
  usage: 'cdc-routing lsp --stdio',
  summary: 'Run the language server for any LSP client (Neovim, Helix, Zed, …).',
  async run(args) {
    if (!args.includes('--stdio')) throw new UsageError('lsp needs --stdio');
    runServer();
    // The server lives until its client disconnects; keep the CLI from exiting.
    return new Promise<number>(() => undefined);
  },
};
