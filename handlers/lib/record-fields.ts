/**
 * The attributes a standard session record may hold besides its key and TTL, stored or not in this stack: an index
 * attribute or a handler's own field must not take their names (the config rules and the `$connect` Lambda agree).
 */
export const STANDARD_RECORD_FIELDS = [
  'path',
  'headers',
  'querystring',
  'connectedAt',
  'sourceIp',
  'principalId',
  'authorizer',
  'subprotocol',
] as const;
