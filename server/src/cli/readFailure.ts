import { FileReadError } from '../files/boundedRead';

/** The line a command prints when a file it was named could not be read: the bounded read's reason, else the error's code. */
export function readFailure(err: unknown): string {
  if (err instanceof FileReadError) return err.message;
  return `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
}
