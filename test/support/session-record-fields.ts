/**
 * The attributes a session record holds with the root config's settings (path, headers, query string, connect time,
 * source IP, TTL), sorted: what tests expect to read back, spelled out here rather than taken from the generator.
 */
export const ROOT_RECORD_ATTRIBUTES: readonly string[] = [
  'connectedAt',
  'connectionid',
  'headers',
  'path',
  'querystring',
  'sourceIp',
  'ttl',
];
