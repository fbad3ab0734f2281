/** Why a request got no HTTP answer, in words, from Node's socket error codes as axios passes them on. */
export function transportFailure(
  code: string | undefined,
  message: string,
  timeoutMs: number,
): { why: string; hint: string } {
  const running = "is the service running? check the profile's URL";
  switch (code) {
    case 'ECONNREFUSED':
      return { why: 'connection refused', hint: running };
    case 'ECONNABORTED':
    case 'ETIMEDOUT':
    case 'ERR_CANCELED':
      return { why: `no answer within ${timeoutMs} ms`, hint: `${running}; a busy service may need a moment` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { why: 'host name not found', hint: "check the host in the profile's URL" };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_BAD_RESPONSE':
      return { why: 'the connection was closed before an answer came', hint: `${running}; is it an HTTP endpoint?` };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { why: 'host unreachable', hint: "check the network (VPN, proxy) and the profile's URL" };
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return {
        why: `TLS certificate not trusted (${code})`,
        hint: 'trust the CA that signed it (NODE_EXTRA_CA_CERTS) or check the URL',
      };
    case 'ERR_INVALID_URL':
      return { why: 'not a valid URL', hint: 'fix the URL in the profile (e.g. http://host:8083)' };
    default:
      return { why: code ? `${message} (${code})` : message, hint: running };
  }
}
