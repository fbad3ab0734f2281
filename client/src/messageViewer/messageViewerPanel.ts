import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  PlatformTopicsRequest,
  TailErrorNotification,
  TailMessagesNotification,
  TailPauseRequest,
  TailResumeRequest,
  TailSetPartitionsRequest,
  TailStartRequest,
  TailStopRequest,
  type PlatformResult,
  type RoutedTailMessage,
  type TailErrorParams,
  type TailMessagesParams,
  type TailStart,
  type TailStartParams,
  type TopicsResult,
} from '../../../server/src/protocol';
import { filtersFileForRouting } from './filtersFileForRouting';
import { messageViewerHtml } from './messageViewerHtml';
import { PostBatcher } from './postBatcher';
import { parseStart, startLabel } from './startLabel';
import { MessageStore } from './messageStore';

/** What the webview shows in its status line and error banner. */
interface ViewerState {
  state: 'starting' | 'running' | 'error' | 'stopped';
  paused: boolean;
  startLabel: string;
  partitions?: number[];
  error?: string;
  recovering?: boolean;
}

/** How often batches are posted to the webview: ten a second keeps it smooth at 20,000 messages/s. */
const POST_INTERVAL_MS = 100;
/**
 * Most messages in one post. A post crosses to the page (in code-server over a websocket): 2,000 a post (20,000 a second at ten posts) keeps
 * each one small enough for the page to stay responsive; beyond that, under load, the newest are shown and
 * the rest counted as dropped. A pause re-sends the store, so what a paused viewer shows has no gaps.
 */
const MAX_PER_POST = 2000;
/** A page that does not acknowledge a post within this time (hidden, or gone) no longer holds the next back. */
const ACK_TIMEOUT_MS = 5000;

/**
 * One message viewer: a webview on one topic and the server-side tail feeding it. The extension keeps the
 * newest `bufferSize` messages (so a webview that was hidden and reloaded gets them back) and posts
 * batches at most ten times a second. Closing the panel stops the tail on the server.
 */
class MessageViewerPanel {
  private tailId: string | undefined;
  /** Each start gets a generation: answers and notifications of an older tail are ignored. */
  private generation = 0;
  private state: ViewerState = { state: 'starting', paused: false, startLabel: 'latest' };
  private allPartitions: number[] = [];
  private readonly store: MessageStore;
  private readonly batcher: PostBatcher<RoutedTailMessage>;
  private readonly disposables: vscode.Disposable[] = [];
  private webviewReady = false;
  private postId = 0;
  /** Posts of messages the page has not acknowledged yet, by id. */
  private readonly unacknowledged = new Map<number, () => void>();
  private disposed = false;

  constructor(
    readonly topic: string,
    readonly panel: vscode.WebviewPanel,
    private readonly client: LanguageClient,
    private readonly bufferSize: number,
    private readonly filtersUri: vscode.Uri | undefined,
    private readonly onDispose: () => void,
  ) {
    this.store = new MessageStore(bufferSize);
    this.batcher = new PostBatcher<RoutedTailMessage>(
      // The returned promise holds the next post back until the page has taken this one.
      (messages, dropped) => this.postBatch(messages, dropped),
      { intervalMs: POST_INTERVAL_MS, limit: bufferSize, maxPerFlush: MAX_PER_POST },
    );
    this.disposables.push(
      panel.onDidDispose(() => void this.dispose()),
      panel.webview.onDidReceiveMessage(
        (m: Parameters<MessageViewerPanel['onWebviewMessage']>[0]) => void this.onWebviewMessage(m),
      ),
      // A hidden panel loses its page; posting resumes when the new page says it is ready.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) {
          this.webviewReady = false;
          this.batcher.dispose();
          this.releaseUnacknowledged();
        }
      }),
    );
  }

  get id(): string | undefined {
    return this.tailId;
  }

  async startTail(start: TailStart): Promise<void> {
    const generation = ++this.generation;
    await this.stopTail();
    this.store.clear();
    this.batcher.dispose();
    this.releaseUnacknowledged();
    await this.post({ type: 'reset' });
    this.setState({
      state: 'starting',
      paused: false,
      startLabel: startLabel(start),
      error: undefined,
      recovering: undefined,
    });
    const params: TailStartParams = {
      topic: this.topic,
      start,
      filtersUri: this.filtersUri?.toString(),
      bufferSize: this.bufferSize,
    };
    try {
      const result = await this.client.sendRequest(TailStartRequest, params);
      if (generation !== this.generation || this.disposed) {
        await this.client.sendRequest(TailStopRequest, { tailId: result.tailId }).catch(() => undefined);
        return;
      }
      this.tailId = result.tailId;
      this.allPartitions = result.partitions;
      this.setState({ state: 'running', partitions: result.partitions });
    } catch (err) {
      if (generation !== this.generation) return;
      this.setState({
        state: 'error',
        error: `${(err as Error).message} — choose a start and press Restart to try again.`,
        recovering: false,
      });
    }
  }

  onMessages(params: TailMessagesParams): void {
    this.store.add(params.messages, params.dropped);
    // Messages flowing again mean the tail recovered from an earlier error.
    if (this.state.error && this.state.recovering) this.setState({ error: undefined, recovering: undefined });
    if (this.webviewReady) {
      this.batcher.noteDropped(params.dropped);
      this.batcher.push(params.messages);
    }
  }

  onError(params: TailErrorParams): void {
    this.setState({
      state: params.recovering ? this.state.state : 'error',
      error: params.message,
      recovering: params.recovering,
    });
  }

  private setState(change: Partial<ViewerState>): void {
    this.state = { ...this.state, ...change };
    void this.post({ type: 'state', ...this.state });
  }

  private async onWebviewMessage(m: {
    type?: string;
    id?: unknown;
    start?: unknown;
    partitions?: unknown;
  }): Promise<void> {
    switch (m.type) {
      case 'ack':
        if (typeof m.id === 'number') this.unacknowledged.get(m.id)?.();
        return;
      case 'ready':
        // A new page (first load, or reloaded after being hidden): give it the buffer as it stands.
        this.webviewReady = true;
        await this.post({
          type: 'init',
          topic: this.topic,
          bufferSize: this.bufferSize,
          partitions: this.allPartitions,
          filtersFile: this.filtersUri ? path.basename(this.filtersUri.fsPath) : undefined,
        });
        await this.post({ type: 'state', ...this.state });
        await this.resyncPage();
        return;
      case 'start':
        return this.startTail(parseStart(m.start));
      case 'clear':
        this.store.clear();
        return;
      case 'pause':
      case 'resume':
        if (!this.tailId) return;
        try {
          await this.client.sendRequest(m.type === 'pause' ? TailPauseRequest : TailResumeRequest, {
            tailId: this.tailId,
          });
          if (m.type === 'pause') await this.resyncPage();
          this.setState({ paused: m.type === 'pause' });
        } catch (err) {
          this.setState({ error: `${m.type} failed: ${(err as Error).message}`, recovering: false });
        }
        return;
      case 'partitions': {
        if (!this.tailId) return;
        const partitions = Array.isArray(m.partitions)
          ? m.partitions.filter((p): p is number => Number.isInteger(p))
          : this.allPartitions;
        await this.client
          .sendRequest(TailSetPartitionsRequest, { tailId: this.tailId, partitions })
          .catch((err: Error) =>
            this.setState({ error: `Choosing partitions failed: ${err.message}`, recovering: false }),
          );
        return;
      }
    }
  }

  /**
   * Posts a batch and resolves when the page says it has taken it: end-to-end backpressure, so posts never
   * queue up in a page slower than the tail (in code-server the webview is a browser away).
   */
  private postBatch(messages: RoutedTailMessage[], dropped: number): Promise<void> {
    const id = ++this.postId;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => acknowledged(), ACK_TIMEOUT_MS);
      const acknowledged = () => {
        clearTimeout(timer);
        this.unacknowledged.delete(id);
        resolve();
      };
      this.unacknowledged.set(id, acknowledged);
      void this.post({ type: 'messages', id, messages, dropped });
    });
  }

  private releaseUnacknowledged(): void {
    for (const release of [...this.unacknowledged.values()]) release();
  }

  /** The page gets the store as it stands (what waits to be posted is in it). */
  private async resyncPage(): Promise<void> {
    this.batcher.dispose();
    this.releaseUnacknowledged();
    await this.post({ type: 'snapshot', messages: this.store.toArray(), received: this.store.received });
  }

  private async post(message: unknown): Promise<void> {
    if (this.disposed) return;
    await this.panel.webview.postMessage(message).then(undefined, () => undefined);
  }

  private async stopTail(): Promise<void> {
    const tailId = this.tailId;
    this.tailId = undefined;
    if (tailId) await this.client.sendRequest(TailStopRequest, { tailId }).catch(() => undefined);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.generation++;
    this.batcher.dispose();
    this.releaseUnacknowledged();
    this.store.clear();
    for (const d of this.disposables) d.dispose();
    this.onDispose();
    await this.stopTail();
  }
}

/** The topic to tail: the argument (a name, or a tree item carrying one), else picked from the cluster's topics. */
async function topicToTail(client: LanguageClient, arg: unknown): Promise<string | undefined> {
  if (typeof arg === 'string' && arg.trim()) return arg.trim();
  const fromItem =
    arg && typeof arg === 'object'
      ? ((arg as { topic?: unknown }).topic ?? (arg as { name?: unknown }).name)
      : undefined;
  if (typeof fromItem === 'string' && fromItem) return fromItem;
  const topics = await client
    .sendRequest(PlatformTopicsRequest, {})
    .catch((err: Error): PlatformResult<TopicsResult> => ({
      ok: false,
      error: { what: 'list topics', where: '', why: err.message },
    }));
  if (topics.ok && topics.value.topics.length) {
    const picked = await vscode.window.showQuickPick(
      topics.value.topics.map((t) => ({
        label: t.name,
        description: `${t.partitions} partition(s), ${t.messageCount} message(s)`,
      })),
      { title: 'CDC Routing: Tail Topic…', placeHolder: 'Topic to tail' },
    );
    return picked?.label;
  }
  const why = topics.ok
    ? 'the cluster has no topics yet'
    : `${topics.error.what} failed${topics.error.where ? ` at ${topics.error.where}` : ''}: ${topics.error.why}`;
  return (
    (
      await vscode.window.showInputBox({
        title: 'CDC Routing: Tail Topic…',
        prompt: `Topic name (${why})`,
        placeHolder: 'raw-business-events',
      })
    )?.trim() || undefined
  );
}

/**
 * Command `cdcRouting.tailTopic` (palette, and the Topics view's Tail action with the topic's name):
 * one message viewer per topic, revealed if already open.
 */
export function registerMessageViewer(context: vscode.ExtensionContext, client: LanguageClient): void {
  const panels = new Map<string, MessageViewerPanel>();
  const byTail = (tailId: string) => [...panels.values()].find((p) => p.id === tailId);
  context.subscriptions.push(
    client.onNotification(TailMessagesNotification, (params: TailMessagesParams) =>
      byTail(params.tailId)?.onMessages(params),
    ),
    client.onNotification(TailErrorNotification, (params: TailErrorParams) => byTail(params.tailId)?.onError(params)),
    vscode.commands.registerCommand('cdcRouting.tailTopic', async (arg?: unknown) => {
      const topic = await topicToTail(client, arg);
      if (!topic) return;
      const existing = panels.get(topic);
      if (existing) {
        existing.panel.reveal();
        return;
      }
      const bufferSize = Math.max(
        100,
        vscode.workspace.getConfiguration('cdcRouting').get<number>('tail.bufferSize') ?? 10_000,
      );
      const filtersUri = await filtersFileForRouting();
      const panel = vscode.window.createWebviewPanel(
        'cdcRouting.messageViewer',
        `Tail: ${topic}`,
        { viewColumn: vscode.ViewColumn.Active },
        {
          enableScripts: true,
          localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'media')],
          // Hidden viewers drop their page; the extension's buffer refills it when shown again.
          retainContextWhenHidden: false,
        },
      );
      panel.webview.html = messageViewerHtml(panel.webview, context.extensionUri, topic);
      const viewer = new MessageViewerPanel(topic, panel, client, bufferSize, filtersUri, () => panels.delete(topic));
      panels.set(topic, viewer);
      await viewer.startTail({ kind: 'latest' });
    }),
    { dispose: () => [...panels.values()].forEach((p) => void p.panel.dispose()) },
  );
}
