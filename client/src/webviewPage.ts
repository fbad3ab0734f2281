import { randomBytes } from 'crypto';

/** A random nonce for a webview's Content-Security-Policy: only scripts carrying it run. */
export function nonce(): string {
  return randomBytes(24).toString('base64url');
}

/** Text made safe for HTML content and attribute values. */
export function htmlEscape(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/**
 * The opening of a webview page up to `<body>`: a Content-Security-Policy that runs only scripts carrying
 * `nonce` and loads styles, images and fonts from the webview's own resources, the stylesheet and the title.
 */
export function webviewPageHead(page: { cspSource: string; nonce: string; style: string; title: string }): string {
  const src = page.cspSource;
  const csp = [
    `default-src 'none'`,
    `style-src ${src}`,
    `script-src 'nonce-${page.nonce}'`,
    `img-src ${src}`,
    `font-src ${src}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${page.style}">
<title>${htmlEscape(page.title)}</title>
</head>`;
}
