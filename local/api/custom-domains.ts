/**
 * Custom domain names mapped to this API's stage (`AWS::ApiGatewayV2::DomainName` + `ApiMapping`,
 * docs/aws-behaviour.md#apigw-custom-domains). API Gateway picks the mapping by the request's `Host`; the mapping key
 * (`basePath`, '' for none) replaces the stage in every path: clients connect to `wss://{domain}/{basePath}`, backends
 * reach `https://{domain}/{basePath}/@connections/{id}`, and `$context.domainName` is the custom domain.
 */
export interface CustomDomainMapping {
  domainName: string;
  /** the mapping key without slashes, '' when the mapping has none */
  basePath: string;
}

/** The mapping a `Host` names (any port, any case, a trailing dot), or undefined for every other host. */
export function mappingForHost(
  mappings: readonly CustomDomainMapping[],
  host: string | undefined,
): CustomDomainMapping | undefined {
  if (host === undefined || mappings.length === 0) return undefined;
  const name = host.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  return mappings.find((mapping) => mapping.domainName.toLowerCase() === name);
}

/** The path below the mapping key, or undefined when the path is not under it (`/chat/x` → `/x`; key '' → the path). */
export function belowMapping(pathname: string, mapping: CustomDomainMapping): string | undefined {
  if (mapping.basePath === '') return pathname === '' ? '/' : pathname;
  const prefix = `/${mapping.basePath}`;
  if (pathname === prefix) return '/';
  return pathname.startsWith(`${prefix}/`) ? pathname.slice(prefix.length) : undefined;
}
