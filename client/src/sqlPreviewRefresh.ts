/**
 * Paces the refreshes of a virtual document so that at most one is in flight.
 *
 * Why: VS Code applies a content provider's new text to the open model as minimal edits computed
 * asynchronously against the model; when three refreshes overlap (typing fast fires one per
 * keystroke), one set of edits can be applied to a model it was not computed for and the preview shows
 * interleaved old and new text until the next refresh. So a refresh waits for the previous one to land
 * (the document changes) or for `settleMs` (the text did not change), and requests arriving meanwhile
 * collapse into one trailing refresh. Once quiet, the text on screen is compared with the text last
 * provided and refreshed again when they differ.
 */
export interface RefreshTarget {
  /** Ask the editor to read the document again (fires the provider's onDidChange). */
  fire(): void;
  /** The text the document shows now, or undefined when it is closed. */
  shownText(): string | undefined;
}

/** setTimeout/clearTimeout, injectable so the pacing can be tested on a manual clock. */
export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class PacedRefresh {
  private inFlight: unknown;
  private pending = false;
  private verify: unknown;
  private lastProvided: string | undefined;
  private repairs = 0;

  constructor(
    private readonly target: RefreshTarget,
    private readonly settleMs = 400,
    private readonly maxRepairs = 3,
    private readonly timers: Timers = realTimers,
  ) {}

  /** The content changed: refresh now if nothing is in flight, else once the current refresh lands. */
  request(): void {
    this.repairs = 0;
    this.schedule();
  }

  /** The provider answered with this text (called from provideTextDocumentContent). */
  provided(text: string): void {
    this.lastProvided = text;
  }

  /** The document changed on screen: the refresh in flight has landed. */
  landed(): void {
    if (this.inFlight === undefined) return;
    this.timers.clear(this.inFlight);
    this.settle();
  }

  dispose(): void {
    this.timers.clear(this.inFlight);
    this.timers.clear(this.verify);
    this.inFlight = this.verify = undefined;
    this.pending = false;
  }

  private schedule(): void {
    if (this.inFlight !== undefined) {
      this.pending = true;
      return;
    }
    this.timers.clear(this.verify);
    this.verify = undefined;
    this.pending = false;
    this.target.fire();
    this.inFlight = this.timers.set(() => this.settle(), this.settleMs);
  }

  private settle(): void {
    this.inFlight = undefined;
    if (this.pending) {
      this.schedule();
      return;
    }
    this.timers.clear(this.verify);
    this.verify = this.timers.set(() => this.check(), this.settleMs);
  }

  private check(): void {
    this.verify = undefined;
    const shown = this.target.shownText();
    if (shown === undefined || this.lastProvided === undefined || shown === this.lastProvided) return;
    if (this.repairs >= this.maxRepairs) return;
    this.repairs++;
    this.schedule();
  }
}
