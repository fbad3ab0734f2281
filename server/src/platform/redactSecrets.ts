// Invariant: secrets never reach settings, logs or generated files. They live in SecretStorage (editor) or
// environment variables (CLI), travel to the server in memory only, and every error text passes redactSecrets:
// services echo URLs, request bodies and their own messages, any of which can carry a password.

import type { Secrets } from './connectionProfile';

const MASK = '****';

/**
 * `text` with every occurrence of a secret replaced by ****, also URL-encoded (the form it takes in a query
 * or an echoed URL), so no error text, log line or echoed request body can carry one. Pass the Basic
 * authorization token (basicAuthToken) too where one is sent. Short secrets are masked as well: a short
 * password is still a password, even if masking it also masks the same letters elsewhere.
 */
export function redactSecrets(text: string, secrets: Iterable<string | undefined>): string {
  let out = maskUrlCredentials(text);
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
  }
  // longest first, so a secret containing another one is masked whole
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    out = out.split(form).join(MASK);
  }
  return out;
}

/** The secret values of a Secrets map, for redactSecrets. */
export function secretValues(secrets: Secrets | undefined): string[] {
  return Object.values(secrets ?? {}).filter((v): v is string => typeof v === 'string' && v.length > 0);
}

/** The base64 "user:secret" token of a Basic authorization header, which is as secret as the password. */
export function basicAuthToken(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`).toString('base64');
}

/** user:password@ inside a URL (scheme://user:password@host…); the password is whatever runs up to the @. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@:]*):([^\s/?#]*)@/gi;

/** Whether text holds a URL with a password in it (http://alice:secret@host:8083). */
export function hasUrlCredentials(text: string): boolean {
  URL_CREDENTIALS.lastIndex = 0;
  return URL_CREDENTIALS.test(text);
}

/**
 * `text` with the password of every URL in it masked (http://alice:****@host:8083): a password in a URL is
 * refused in profiles, but one can still arrive (an environment variable, a server echoing its own address),
 * and it is masked whether or not it is a known secret.
 */
export function maskUrlCredentials(text: string): string {
  return text.replace(URL_CREDENTIALS, (_all, scheme: string, user: string) => `${scheme}${user}:${MASK}@`);
}
