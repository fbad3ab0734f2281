/** A step that could not be applied: the service's own words and, for SQL, the offending line of the script. */
export class StepFailure extends Error {
  constructor(
    message: string,
    readonly sqlLine?: { line: number; text: string; column?: number },
  ) {
    super(message);
    this.name = 'StepFailure';
  }
}
