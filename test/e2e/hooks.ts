// Mocha root hooks of the e2e run: one code-server and one Chromium for all scenarios, stopped by PID
// after the last one (and by processes.ts if the run dies), and a screenshot of any failing test.
import { currentWorkbench, recordTiming, startSession, stopSession } from './lib/session';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    // A cold cache installs code-server (≈ 3 min on 2 cores) before anything else can run.
    this.timeout(20 * 60_000);
    await startSession();
  },
  async afterEach(this: Mocha.Context): Promise<void> {
    const test = this.currentTest;
    if (!test) return;
    if (test.duration !== undefined) recordTiming(`scenario: ${test.fullTitle()}`, test.duration / 1000);
    const workbench = currentWorkbench();
    if (test.state === 'failed' && workbench) {
      const file = await workbench.step('FAILED').catch(() => undefined);
      if (file) process.stderr.write(`[e2e] screenshot of the failure: ${file}\n`);
    }
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(60_000);
    await stopSession();
  },
};
