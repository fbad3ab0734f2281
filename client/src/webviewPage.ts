import { randomBytes } from 'crypto';

/** A random nonce for a webview's Content-Security-Policy: only scripts carrying it run. */
export function nonce(): string {
  return randomBytes(24).toString('base64url');
}

/** Text made safe for HTML content and attribute values. */
export function htmlEscape(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
