/**
 * What the proof must undo whatever happens (Flink jobs, gateway sessions, Kafka clients): registered as each
 * is created, run in reverse order by the test's after hook, every step attempted even when one fails.
 */
export class Cleanup {
  private readonly steps: { what: string; run: () => Promise<unknown> }[] = [];

  add(what: string, run: () => Promise<unknown>): void {
    this.steps.push({ what, run });
  }

  async runAll(): Promise<string[]> {
    const failures: string[] = [];
    while (this.steps.length > 0) {
      const step = this.steps.pop()!;
      try {
        await step.run();
      } catch (err) {
        failures.push(`${step.what}: ${(err as Error).message}`);
      }
    }
    return failures;
  }
}
