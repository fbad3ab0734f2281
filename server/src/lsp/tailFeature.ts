import { ResponseError, type Connection } from 'vscode-languageserver';
import type { BoundDocument } from '../binding/boundTypes';
import type { TailMessage, TopicTail } from '../platform/kafka/kafkaTypes';
import { takeParsedValue } from '../platform/kafka/recordDecoding';
import { PlatformError } from '../platform/platformError';
import type { Platform } from '../platform/platform';
import {
  TailErrorNotification,
  TailMessagesNotification,
  TailPauseRequest,
  TailResumeRequest,
  TailSetPartitionsRequest,
  TailStartRequest,
  TailStopRequest,
  type RoutedTailMessage,
  type TailMessagesParams,
  type TailStartParams,
  type TailStartResult,
} from '../protocol';
import { compileRouting } from '../routing/compileFilters';
import type { Router } from '../routing/routeTypes';
import type { Analysis } from './analysis';
import { onRequest, sendNotification } from './protocolConnection';

/** How often a tail's messages go to the client at most: fast enough to look live, slow enough to batch. */
const FLUSH_INTERVAL_MS = 75;
/** Most messages in one notification, so one message never holds up the pipe (or the client's parser) for long. */
const MAX_PER_NOTIFICATION = 2000;
const DEFAULT_BUFFER = 10_000;

export interface TailDeps {
  platform: () => Platform | undefined;
  analysisOf(uri: string): Analysis | undefined;
  now?: () => number;
}

/** Registers the tail requests (see protocol/tail.ts). */
export function registerTail(connection: Connection, deps: TailDeps): void {
  const tails = new Map<string, LspTail>();
  let counter = 0;

  const get = (tailId: string): LspTail => {
    const t = tails.get(tailId);
    if (!t) throw new ResponseError(-32602, `no tail ${tailId} (it was stopped)`);
    return t;
  };

  onRequest(connection, TailStartRequest, async (params): Promise<TailStartResult> => {
    const kafka = deps.platform()?.kafka;
    if (!kafka)
      throw new ResponseError(
        -32603,
        'tail failed: the active connection profile names no Kafka — pick a profile with Kafka (CDC Routing: Select Profile…)',
      );
    let tail: TopicTail;
    try {
      tail = await kafka.tail({ topic: params.topic, start: params.start, partitions: params.partitions });
    } catch (err) {
      throw new ResponseError(
        -32603,
        err instanceof PlatformError
          ? err.message
          : `tail ${params.topic} failed: ${(err as Error).message?.split('\n')[0]}`,
      );
    }
    const tailId = `tail-${++counter}`;
    const lsp = new LspTail(tailId, tail, connection, deps, params, () => tails.delete(tailId));
    tails.set(tailId, lsp);
    const all = Object.keys(tail.stats().positions).map(Number);
    return { tailId, partitions: params.partitions ?? all };
  });
  onRequest(connection, TailPauseRequest, (p) => get(p.tailId).pause());
  onRequest(connection, TailResumeRequest, (p) => get(p.tailId).resume());
  onRequest(connection, TailSetPartitionsRequest, (p) => get(p.tailId).tail.setPartitions(p.partitions));
  onRequest(connection, TailStopRequest, async (p) => {
    await tails.get(p.tailId)?.stop();
    return null;
  });
}

/**
 * One tail as the client sees it. Messages wait in a bounded outbox and go out at most every
 * FLUSH_INTERVAL_MS, and only when the previous notification has been written: if the client (or the pipe)
 * is slower than the topic, the oldest waiting messages are dropped and counted instead of piling up here.
 */
class LspTail {
  private outbox: RoutedTailMessage[] = [];
  private dropped = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sending = false;
  private stopped = false;
  private readonly capacity: number;

  constructor(
    readonly id: string,
    readonly tail: TopicTail,
    private readonly connection: Connection,
    private readonly deps: TailDeps,
    private readonly params: TailStartParams,
    private readonly onStopped: () => void,
  ) {
    this.capacity = Math.max(1, Math.floor(params.bufferSize ?? DEFAULT_BUFFER));
    tail.onMessages((batch) => this.receive(batch));
    tail.onError((error) => this.sendError(error.message, true));
    // an empty batch says "flowing again": on an idle topic no message would clear the client's error
    tail.onRecovered?.(() => this.sendRecovered());
  }

  pause(): null {
    this.tail.pause();
    this.flush();
    return null;
  }

  resume(): null {
    this.tail.resume();
    return null;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.outbox = [];
    this.onStopped();
    await this.tail.stop();
  }

  private receive(batch: TailMessage[]): void {
    if (this.stopped) return;
    // Routed on arrival, so each parsed value dies young instead of waiting in the outbox for the GC to move.
    for (const m of this.withRoutes(batch)) this.outbox.push(m);
    if (this.outbox.length > this.capacity) {
      const excess = this.outbox.length - this.capacity;
      this.outbox.splice(0, excess);
      this.dropped += excess;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, FLUSH_INTERVAL_MS);
  }

  private flush(): void {
    if (this.stopped || this.sending || (this.outbox.length === 0 && this.dropped === 0)) return;
    const messages = this.outbox.splice(0, MAX_PER_NOTIFICATION);
    const params: TailMessagesParams = { tailId: this.id, messages, dropped: this.dropped };
    this.dropped = 0;
    this.sending = true;
    sendNotification(this.connection, TailMessagesNotification, params).then(
      () => {
        this.sending = false;
        // A full notification's worth waiting goes out at once: the interval is for trickles, not for backlogs.
        if (this.outbox.length >= MAX_PER_NOTIFICATION) setImmediate(() => this.flush());
        else if (this.outbox.length && !this.timer)
          this.timer = setTimeout(() => ((this.timer = undefined), this.flush()), FLUSH_INTERVAL_MS);
      },
      // the client is gone: nobody will read this tail again
      () => void this.stop(),
    );
  }

  private withRoutes(messages: TailMessage[]): RoutedTailMessage[] {
    const router = this.params.filtersUri ? routerOf(this.deps.analysisOf(this.params.filtersUri)?.bound) : undefined;
    const now = (this.deps.now ?? Date.now)();
    // The messages are this tail's own (nobody else holds them), so they get their column in place.
    const out = messages as RoutedTailMessage[];
    for (const m of out) {
      const event = takeParsedValue(m);
      const routedTo: string[] = [];
      if (event !== undefined && router)
        for (const f of router.filters) if (f.matches(event, now)) routedTo.push(f.filter.id);
      m.routedTo = routedTo;
    }
    return out;
  }

  private sendRecovered(): void {
    if (this.stopped) return;
    sendNotification(this.connection, TailMessagesNotification, { tailId: this.id, messages: [], dropped: 0 }).catch(
      () => void this.stop(),
    );
  }

  private sendError(message: string, recovering: boolean): void {
    if (this.stopped) return;
    sendNotification(this.connection, TailErrorNotification, { tailId: this.id, message, recovering }).catch(
      () => void this.stop(),
    );
  }
}

/** One compiled router per analysed version of a filters file (the file may change while a tail runs). */
const routers = new WeakMap<BoundDocument, Router>();

function routerOf(bound: BoundDocument | undefined): Router | undefined {
  if (!bound) return undefined;
  let router = routers.get(bound);
  if (!router) routers.set(bound, (router = compileRouting(bound)));
  return router;
}
