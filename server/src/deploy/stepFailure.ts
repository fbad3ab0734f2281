/** A step that could not be applied: the service's own words and, for SQL, the offending line of the script. */
export class StepFailure extends Error {
  constructor(
    message: string,
    readonly sqlLine?: { line: number; text: string; column?: number },
    /** The service gave no answer (refused, timed out): nothing it said is in the message. */
    readonly unreachable = false,
  ) {
    super(message);
    this.name = 'StepFailure';
  }
}

/** The client of a service the step needs; a profile without it fails the step, saying which. */
export function need<T>(client: T | undefined, label: string): T {
  if (!client) throw new StepFailure(`the profile has no ${label} connection`);
  return client;
}
