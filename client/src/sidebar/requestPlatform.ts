import type { LanguageClient, RequestParam } from 'vscode-languageclient/node';
import type { PlatformResult, RequestType } from '../../../server/src/protocol';

/**
 * One platform request to the language server. The server answers failures as data; this also turns the
 * client-side ones (server not running, restarting) into the same shape, so every caller handles one case.
 */
export async function requestPlatform<P, T>(
  client: LanguageClient,
  type: RequestType<P, PlatformResult<T>, void>,
  params: RequestParam<P>,
  what: string,
): Promise<PlatformResult<T>> {
  try {
    return await client.sendRequest(type, params);
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return {
      ok: false,
      error: {
        what,
        where: 'the CDC Routing language server',
        why,
        hint: 'run "CDC Routing: Restart Language Server" or see "CDC Routing: Show Output"',
      },
    };
  }
}
