import * as path from 'path';

/** `--file` values of plan/deploy as absolute paths (given relative to where the command runs); none → every file. */
export function chosenFiles(files: string[] | undefined, cwd: string): string[] | undefined {
  return files?.length ? files.map((f) => path.resolve(cwd, f)) : undefined;
}
