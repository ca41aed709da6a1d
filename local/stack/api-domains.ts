import { resourcesOfType } from '../template/read-properties.ts';
import type { LocalTemplate } from '../template/index.ts';

/**
 * Custom domains (AWS::ApiGatewayV2::DomainName) mapped to the stage without a mapping key: their `wss://` URL is
 * the local stage's. Mappings with a key (a path before the stage) are left as written.
 */
export function mappedApiDomains(template: LocalTemplate): string[] {
  const names = new Map(
    resourcesOfType(template, 'AWS::ApiGatewayV2::DomainName').map((domain) => [
      template.physicalIds.get(domain.logicalId)?.ref,
      String((domain.properties as Record<string, unknown>)['DomainName']),
    ]),
  );
  return resourcesOfType(template, 'AWS::ApiGatewayV2::ApiMapping')
    .map((mapping) => mapping.properties as Record<string, unknown>)
    .filter((mapping) => mapping['ApiMappingKey'] === undefined || mapping['ApiMappingKey'] === '')
    .map((mapping) => names.get(String(mapping['DomainName'])))
    .filter((name): name is string => name !== undefined);
}
