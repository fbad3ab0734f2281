import type { CancellationToken, Connection, Disposable, GenericRequestHandler } from 'vscode-languageserver';
import type { NotificationType, RequestType } from '../protocol';

/**
 * The protocol's typed requests and notifications (server/src/protocol/) on the server's connection.
 *
 * The protocol's message objects are vscode-jsonrpc's, the copy vscode-languageclient uses; vscode-languageserver
 * brings an older copy of its own, whose types TypeScript does not take for the other's (private members) and
 * whose parameter-structure checks would not know the other's constants. So the server registers and sends by
 * method name, exactly as the wire says, with the handler's and the parameters' types taken from the protocol.
 */

/** Answers a request: the handler gets the request's params and returns its result (or throws a ResponseError). */
export function onRequest<P, R>(
  connection: Connection,
  type: RequestType<P, R, void>,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
): Disposable {
  return connection.onRequest(type.method, handler as GenericRequestHandler<R, void>);
}

export function onNotification<P>(
  connection: Connection,
  type: NotificationType<P>,
  handler: (params: P) => void,
): Disposable {
  return connection.onNotification(type.method, handler);
}

export function sendNotification<P>(connection: Connection, type: NotificationType<P>, params: P): Promise<void> {
  return connection.sendNotification(type.method, params);
}
