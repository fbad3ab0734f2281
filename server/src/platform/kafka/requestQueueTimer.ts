/**
 * A correction of kafkajs 2.2.4 (the last release; upstream tulios/kafkajs#1751, #1704, unmerged fixes #1755,
 * #1768), applied once to its RequestQueue class before any connection exists.
 *
 * `scheduleCheckPendingRequests` arms a timer of `throttledUntil - Date.now()` ms, also when nothing is pending
 * and no broker throttles (`throttledUntil` is -1): a delay of about −Date.now(). Node ≥ 24 (code-server's) writes
 * a `TimeoutNegativeWarning: -1796216548130 is a negative number` to stderr for it, which the editor's Output
 * channel shows as `[error]` lines; and because `checkPendingRequests` ends by scheduling again, the 1 ms timer
 * re-arms itself forever after the first response, a busy loop of an idle connection.
 *
 * The corrected method schedules only when a request waits: after the broker's throttle, else after kafkajs's
 * own 10 ms interval — what the original did in that case. With nothing pending there is nothing to check: a
 * request that must wait is pushed to `pending` and schedules the check itself (`push`), and one that can go
 * is sent at once.
 */

/** kafkajs's CHECK_PENDING_REQUESTS_INTERVAL (src/network/requestQueue/index.js). */
export const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

/** The fields of a kafkajs RequestQueue the method reads and writes. */
export interface RequestQueueTimerState {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
}

/** The corrected `RequestQueue.prototype.scheduleCheckPendingRequests`. */
export function scheduleCheckPendingRequests(this: RequestQueueTimerState): void {
  if (this.throttleCheckTimeoutId || this.pending.length === 0) return;
  const untilUnthrottled = this.throttledUntil - Date.now();
  const delay = untilUnthrottled > 0 ? untilUnthrottled : CHECK_PENDING_REQUESTS_INTERVAL_MS;
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, delay);
}

/* eslint-disable @typescript-eslint/no-require-imports */
/** kafkajs's RequestQueue class: the module the bundle's Kafka connections use. */
export const RequestQueueClass = require('kafkajs/src/network/requestQueue') as {
  prototype: { scheduleCheckPendingRequests: (this: RequestQueueTimerState) => void };
};
/* eslint-enable @typescript-eslint/no-require-imports */
/** kafkajs's own method, kept for the test that shows what it did. */
export const kafkajsScheduleCheckPendingRequests = RequestQueueClass.prototype.scheduleCheckPendingRequests;

/** Puts the corrected method on kafkajs's RequestQueue (idempotent). */
export function correctRequestQueueTimer(): void {
  RequestQueueClass.prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
}
