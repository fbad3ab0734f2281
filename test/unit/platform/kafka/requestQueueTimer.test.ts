import * as assert from 'assert';
import {
  correctRequestQueueTimer,
  kafkajsScheduleCheckPendingRequests,
  RequestQueueClass,
} from '../../../../server/src/platform/kafka/requestQueueTimer';

/* eslint-disable @typescript-eslint/no-require-imports */
const RequestQueue = require('kafkajs/src/network/requestQueue') as new (options: object) => {
  push(request: object): void;
  fulfillRequest(response: { correlationId: number; payload: Buffer; size: number }): void;
  maybeThrottle(ms: number): void;
  destroy(): void;
  pending: unknown[];
};
/* eslint-enable @typescript-eslint/no-require-imports */

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Drives a real kafkajs RequestQueue through what an idle Kafka connection does (one request, its response, then
 * quiet), noting the delay of every timer the queue arms. The Output channel's `[error] TimeoutNegativeWarning:
 * -1796216548130 is a negative number` lines came from this queue on Node 24.
 */
async function timersOfOneExchange(throttleMs = 0): Promise<number[]> {
  const delays: number[] = [];
  const realSetTimeout = global.setTimeout;
  const recording = ((fn: () => void, ms?: number) => {
    delays.push(ms ?? 0);
    return realSetTimeout(fn, ms);
  }) as typeof setTimeout;
  global.setTimeout = recording;
  const queue = new RequestQueue({ requestTimeout: 30000, clientId: 't', broker: 'b:9092', logger: quiet });
  try {
    let answered = 0;
    const request = (correlationId: number) => ({
      entry: {
        correlationId,
        apiKey: 3,
        apiName: 'Metadata',
        apiVersion: 0,
        resolve: () => answered++,
        reject: () => 0,
      },
      expectResponse: true,
      sendRequest: () => undefined,
    });
    queue.push(request(1));
    if (throttleMs > 0) queue.maybeThrottle(throttleMs);
    queue.fulfillRequest({ correlationId: 1, payload: Buffer.alloc(0), size: 0 });
    if (throttleMs > 0) queue.push(request(2)); // waits out the throttle
    await new Promise((r) => realSetTimeout(r, throttleMs + 50));
    assert.strictEqual(answered, 1);
    return delays;
  } finally {
    global.setTimeout = realSetTimeout;
    queue.destroy();
  }
}

describe('kafkajs request queue timers (platform/kafka/requestQueueTimer.ts)', () => {
  afterEach(() => correctRequestQueueTimer());

  it("kafkajs's own method arms a timer of about −Date.now() ms on an idle queue, and re-arms it", async () => {
    RequestQueueClass.prototype.scheduleCheckPendingRequests = kafkajsScheduleCheckPendingRequests;
    const delays = await timersOfOneExchange();
    const negative = delays.filter((d) => d < 0);
    assert.ok(negative.length > 1, `negative delays: ${delays.join(', ')}`);
    assert.ok(Math.abs(negative[0] + Date.now()) < 60000, `${negative[0]} is about −Date.now()`);
  });

  it('the corrected method arms no timer while nothing is pending (no warning, no busy loop)', async () => {
    correctRequestQueueTimer();
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      assert.deepStrictEqual(
        (await timersOfOneExchange()).filter((d) => d < 1 || d > 1000),
        [],
      );
      await new Promise((r) => setImmediate(r));
      assert.deepStrictEqual(
        warnings.filter((w) => /TimeoutNegative/.test(w)),
        [],
      );
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('a request waiting out a broker throttle is still sent after it', async () => {
    correctRequestQueueTimer();
    const delays = await timersOfOneExchange(30);
    const check = delays.filter((d) => d > 0 && d <= 30);
    assert.ok(check.length >= 1, `a check once the throttle ends: ${delays.join(', ')}`);
    assert.ok(delays.every((d) => d >= 0));
  });

  it('loading the Kafka platform applies it', () => {
    RequestQueueClass.prototype.scheduleCheckPendingRequests = kafkajsScheduleCheckPendingRequests;
    const platformModule = require.resolve('../../../../server/src/platform/kafka/kafkaPlatform');
    delete require.cache[platformModule];
    require(platformModule); // eslint-disable-line @typescript-eslint/no-require-imports
    assert.notStrictEqual(
      RequestQueueClass.prototype.scheduleCheckPendingRequests,
      kafkajsScheduleCheckPendingRequests,
    );
  });
});
