// Entry point of dist/server.js, the process the VS Code client starts. The CLI bundles server/src/main.ts
// too (for `cdc-routing lsp`), so the server must not start itself from main.ts whenever its bundle is run.
import { runServer } from './main';

runServer();
