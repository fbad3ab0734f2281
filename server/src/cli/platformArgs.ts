import { UsageError } from './cliCommand';

/** The options every command that talks to a platform takes: which profile, from where, and how to print. */
export const PLATFORM_OPTIONS = {
  profile: { type: 'string' },
  'profiles-file': { type: 'string' },
  format: { type: 'string', default: 'text' },
} as const;

/** `--format` as the commands accept it. */
export function outputFormat(format: string | undefined): 'text' | 'json' {
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not ${format}`);
  return format;
}
