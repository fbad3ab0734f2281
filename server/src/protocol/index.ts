/**
 * The client ↔ server protocol of cdc-routing: every custom request and notification as a typed
 * RequestType / NotificationType with its wire types, one file per concern. Both sides import it; it imports
 * nothing but vscode-jsonrpc (whose message types the client's vscode-languageclient uses as they are) and
 * its own files. The method strings are the wire: never rename one.
 *
 * The server's vscode-languageserver brings another copy of vscode-jsonrpc, so the server registers and sends
 * these through server/src/lsp/protocolConnection.ts (by method name, typed by the objects here).
 */
export type { NotificationType, RequestType } from 'vscode-jsonrpc';
export * from './deploy';
export * from './filterTests';
export * from './filtersFiles';
export * from './initialize';
export * from './platform';
export * from './routingPreview';
export * from './sqlPreview';
export * from './tail';
