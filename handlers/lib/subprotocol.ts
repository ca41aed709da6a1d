/** RFC 6455 subprotocol negotiation for `$connect`. */

export type Negotiation = { accept: true; protocol: string | undefined } | { accept: false; reason: string };

/**
 * The client lists protocols in its order of preference (`Sec-WebSocket-Protocol: a, b`); the
 * first one that is accepted wins. No offer at all is accepted only when not required.
 */
export function negotiateSubprotocol(
  offerHeader: string | undefined,
  accepted: readonly string[],
  required: boolean,
): Negotiation {
  const offered = (offerHeader ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '');
  if (offered.length === 0) {
    return required
      ? { accept: false, reason: `no subprotocol offered; accepted: ${accepted.join(', ')}` }
      : { accept: true, protocol: undefined };
  }
  const protocol = offered.find((token) => accepted.includes(token));
  if (protocol === undefined)
    return {
      accept: false,
      reason: `none of the offered subprotocols (${offered.join(', ')}) is accepted: ${accepted.join(', ')}`,
    };
  return { accept: true, protocol };
}
