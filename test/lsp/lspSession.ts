import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

/** Our server always sends plain-text messages; tests read them as strings. */
export type Diag = Omit<Diagnostic, 'message'> & { message: string };

export const REPO = path.resolve(__dirname, '../..');
const SERVER = path.join(REPO, 'dist/server.js');

/** A throwaway copy of a workspace folder, so tests can edit files freely. */
export function copyWorkspace(source: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-routing-ws-'));
  fs.cpSync(source, dir, { recursive: true });
  return dir;
}

export function fileUri(file: string): string {
  return 'file://' + file.split(path.sep).map(encodeURIComponent).join('/');
}

/**
 * The real language server (the bundle users get) over stdio, driven by a real LSP client connection.
 */
export class LspSession {
  readonly connection: ProtocolConnection;
  private readonly child: ChildProcess;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: { uri: string; version?: number; resolve: (d: Diag[]) => void }[] = [];
  private readonly versions = new Map<string, number>();
  private readonly diagnosticListeners: ((p: PublishDiagnosticsParams) => void)[] = [];
  stderr = '';

  private constructor(command: string[] | undefined, settings: object) {
    if (!command && !fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run "npm run build" first`);
    const [exe, ...args] = command ?? [process.execPath, SERVER, '--stdio'];
    this.child = spawn(exe, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d) => (this.stderr += d));
    // A server that exits on "exit" closes its stdin while the last write may still be under way.
    this.child.stdin!.on('error', () => undefined);
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.child.stdout!),
      new StreamMessageWriter(this.child.stdin!),
    );
    // What other servers (yaml-language-server in the bench) ask of a client.
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((i) => (i.section ? ((settings as Record<string, unknown>)[i.section] ?? null) : settings)),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      for (const l of this.diagnosticListeners) l(p);
      for (const w of [...this.waiters]) {
        // A server that does not say which version it checked (the bench's peer) answers the latest change.
        const unversioned = p.version === undefined && command !== undefined;
        if (w.uri === p.uri && (w.version === undefined || unversioned || p.version === w.version)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p.diagnostics as Diag[]);
        }
      }
    });
    this.connection.listen();
  }

  static async start(
    rootDir: string,
    initializationOptions: object = {},
    server: { command?: string[]; settings?: object } = {},
  ): Promise<LspSession> {
    const s = new LspSession(server.command, server.settings ?? {});
    await s.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: fileUri(rootDir),
      capabilities: {
        textDocument: {
          completion: { completionItem: { snippetSupport: true } },
          publishDiagnostics: { versionSupport: true },
        },
        workspace: { configuration: true },
      },
      initializationOptions,
    });
    void s.connection.sendNotification('initialized', {});
    if (server.settings)
      void s.connection.sendNotification('workspace/didChangeConfiguration', { settings: server.settings });
    return s;
  }

  get alive(): boolean {
    return this.child.exitCode === null && !this.child.killed;
  }

  /** Opens (or replaces) a document and resolves with the diagnostics published for that version. */
  async open(file: string, text = fs.readFileSync(file, 'utf8')): Promise<Diag[]> {
    const uri = fileUri(file);
    const wait = this.nextDiagnostics(uri, 1);
    if (this.versions.has(uri))
      void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    this.versions.set(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
    return wait;
  }

  /** Opens a document without awaiting diagnostics: for one the server may rightly say nothing about. */
  openQuietly(file: string, text: string): void {
    const uri = fileUri(file);
    if (this.versions.has(uri))
      void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    this.versions.set(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
  }

  async change(file: string, text: string): Promise<Diag[]> {
    const uri = fileUri(file);
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const wait = this.nextDiagnostics(uri, version);
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return wait;
  }

  /** Sends only the changed stretch of text, as an editor does (incremental sync), and awaits its diagnostics. */
  async edit(file: string, before: string, after: string): Promise<Diag[]> {
    const uri = fileUri(file);
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    let start = 0;
    while (start < before.length && start < after.length && before[start] === after[start]) start++;
    let end = 0;
    while (
      end < before.length - start &&
      end < after.length - start &&
      before[before.length - 1 - end] === after[after.length - 1 - end]
    )
      end++;
    // An editor never starts or ends a change between the \r and \n of a line break (no position addresses it).
    if (start > 0 && before[start - 1] === '\r' && before[start] === '\n') start--;
    if (end > 0 && before[before.length - end - 1] === '\r' && before[before.length - end] === '\n') end--;
    // Positions as LSP counts lines: \r\n, \n and a lone \r each end one.
    const doc = TextDocument.create(uri, 'yaml', version - 1, before);
    const range = { start: doc.positionAt(start), end: doc.positionAt(before.length - end) };
    const wait = this.nextDiagnostics(uri, version);
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text: after.slice(start, after.length - end) }],
    });
    return wait;
  }

  private nextDiagnostics(uri: string, version: number): Promise<Diag[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no diagnostics for ${uri} v${version}; server stderr: ${this.stderr}`)),
        15000,
      );
      this.waiters.push({ uri, version, resolve: (d) => (clearTimeout(timer), resolve(d)) });
    });
  }

  /** Every diagnostics publication from now on (the session keeps its own handler of the notification). */
  onDiagnostics(listener: (p: PublishDiagnosticsParams) => void): void {
    this.diagnosticListeners.push(listener);
  }

  request<T>(method: string, params: object): Promise<T> {
    return this.connection.sendRequest<T>(method, params);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      if (this.alive) await this.connection.sendNotification('exit').catch(() => undefined);
    } catch {
      /* already gone */
    }
    this.connection.dispose();
    if (this.alive) this.child.kill();
  }
}

/** The 0-based position of the first occurrence of `needle` (plus `delta` characters) in `text`. */
export function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`"${needle}" not found`);
  const offset = index + delta;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - before.lastIndexOf('\n') - 1 };
}

/** A throwaway copy of a workspace folder of the repository, the server started on it, and one file's text. */
export async function openCopy(
  workspace: string,
  relFile: string,
): Promise<{ session: LspSession; ws: string; file: string; original: string }> {
  const ws = copyWorkspace(path.join(REPO, workspace));
  const file = path.join(ws, relFile);
  return { session: await LspSession.start(ws), ws, file, original: fs.readFileSync(file, 'utf8') };
}

export async function closeCopy(session: LspSession | undefined, ws: string | undefined): Promise<void> {
  await session?.stop();
  if (ws) fs.rmSync(ws, { recursive: true, force: true });
}
