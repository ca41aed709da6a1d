/**
 * The API's own host name on AWS, `{apiId}.execute-api.{region}.{urlSuffix}` (the suffix is the partition's:
 * `amazonaws.com`, `amazonaws.com.cn`). It is `$context.domainName` and `requestContext.domainName` for a client
 * that connects to the API's endpoint (or through a distribution whose origin it is), and what handlers build
 * their @connections endpoint from.
 */
export const apiHostName = (apiId: string, region: string, urlSuffix: string): string =>
  `${apiId}.execute-api.${region}.${urlSuffix}`;
