import type { LanguageClient } from 'vscode-languageclient/node';
import type { PlatformResult } from '../../../server/src/lsp/platformProtocol';

/**
 * One platform request to the language server. The server answers failures as data; this also turns the
 * client-side ones (server not running, restarting) into the same shape, so every caller handles one case.
 */
export async function requestPlatform<T>(
  client: LanguageClient,
  method: string,
  params: object,
  what: string,
): Promise<PlatformResult<T>> {
  try {
    return await client.sendRequest<PlatformResult<T>>(method, params);
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
