import * as assert from 'assert';
import type { Connection } from 'vscode-languageserver';
import { registerTail } from '../../../server/src/lsp/tailFeature';
import {
  TailMessagesNotification,
  TailStartRequest,
  TailStopRequest,
  type TailMessagesParams,
  type TailStartResult,
} from '../../../server/src/protocol';
import type { TailMessage, TopicTail } from '../../../server/src/platform/kafka/kafkaTypes';
import type { Platform } from '../../../server/src/platform/platform';

/** A tail the test feeds by hand. */
class HandTail implements TopicTail {
  private listeners: ((b: TailMessage[]) => void)[] = [];
  stopped = false;
  onMessages(l: (b: TailMessage[]) => void): void {
    this.listeners.push(l);
  }
  onError(): void {}
  pause(): void {}
  resume(): void {}
  setPartitions(): void {}
  stats() {
    return { received: 0, positions: { 0: '0', 1: '0' }, paused: false };
  }
  stop(): Promise<void> {
    this.stopped = true;
    return Promise.resolve();
  }
  emit(from: number, to: number): void {
    const batch = Array.from({ length: to - from }, (_, i): TailMessage => ({
      partition: 0,
      offset: String(from + i),
      timestamp: 0,
      key: null,
      value: 'x',
      encoding: 'text',
      headers: {},
      size: 1,
    }));
    for (const l of this.listeners) l(batch);
  }
}

/** A connection whose client reads a notification only when the test says so. */
function fakeConnection() {
  const handlers = new Map<string, (params: unknown) => unknown>();
  const sent: TailMessagesParams[] = [];
  const pending: (() => void)[] = [];
  const connection = {
    onRequest: (method: string, handler: (params: unknown) => unknown) => void handlers.set(method, handler),
    sendNotification: (method: string, params: TailMessagesParams) => {
      if (method === TailMessagesNotification.method) sent.push(params);
      return new Promise<void>((resolve) => pending.push(resolve));
    },
  } as unknown as Connection;
  return {
    connection,
    request: (m: string, p: unknown) => handlers.get(m)!(p),
    sent,
    readOne: () => pending.shift()?.(),
  };
}

const until = async (what: string, probe: () => boolean) => {
  const deadline = Date.now() + 3000;
  while (!probe()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('tail flow control over LSP (server side)', () => {
  it('while the client is not reading, at most bufferSize messages wait; the oldest are dropped and counted, nothing is lost silently', async () => {
    const tail = new HandTail();
    const platform = {
      profile: { name: 'local' },
      kafka: { tail: () => Promise.resolve(tail) },
    } as unknown as Platform;
    const fake = fakeConnection();
    registerTail(fake.connection, { platform: () => platform, analysisOf: () => undefined });
    const { tailId, partitions } = (await fake.request(TailStartRequest.method, {
      topic: 't',
      start: { kind: 'latest' },
      bufferSize: 3000,
    })) as TailStartResult;
    assert.deepEqual(partitions, [0, 1]);

    tail.emit(0, 1000);
    await until('the first notification', () => fake.sent.length === 1);
    assert.equal(fake.sent[0].messages.length, 1000);
    assert.deepEqual(fake.sent[0].messages[0].routedTo, [], 'no filters file: an empty routing column');

    // the client is stuck on the first notification: 10,000 more arrive, only the newest 3,000 may wait
    tail.emit(1000, 11_000);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(fake.sent.length, 1, 'nothing more is written until the client took the previous one');

    fake.readOne();
    await until('the backlog, at once', () => fake.sent.length === 2);
    assert.equal(fake.sent[1].dropped, 7000, 'what was dropped is counted');
    assert.deepEqual(
      fake.sent[1].messages.map((m) => Number(m.offset)),
      Array.from({ length: 2000 }, (_, i) => 8000 + i),
      'the oldest of the newest 3,000, 2,000 at most',
    );
    fake.readOne();
    await until('the last 1,000', () => fake.sent.length === 3);
    assert.deepEqual(
      fake.sent[2].messages.map((m) => Number(m.offset)),
      Array.from({ length: 1000 }, (_, i) => 10_000 + i),
    );
    assert.equal(fake.sent[2].dropped, 0, 'dropped is counted once');
    fake.readOne();
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(fake.sent.length, 3, 'nothing left to send');

    await fake.request(TailStopRequest.method, { tailId });
    assert.equal(tail.stopped, true);
  });
});
