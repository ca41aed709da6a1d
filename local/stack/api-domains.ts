import { resourcesOfType } from '../template/read-properties.ts';
import { type LocalTemplate, TemplateError } from '../template/index.ts';
import type { CustomDomainMapping } from '../api/custom-domains.ts';

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

/**
 * Every custom domain mapped to this API's stage, with its mapping key ('' when none): the gateway answers their Host
 * under the key, and Lambda sandboxes reach them through the TLS front (docs/aws-behaviour.md#apigw-custom-domains).
 */
export function customDomainMappings(template: LocalTemplate, apiId: string, stage: string): CustomDomainMapping[] {
  return resourcesOfType(template, 'AWS::ApiGatewayV2::ApiMapping').flatMap((mapping) => {
    const properties = mapping.properties as Record<string, unknown>;
    if (properties['ApiId'] !== apiId || properties['Stage'] !== stage) return [];
    const key = properties['ApiMappingKey'] ?? '';
    if (typeof key !== 'string' || !/^[A-Za-z0-9._~-]*$/.test(key)) {
      throw new TemplateError(
        `Resources.${mapping.logicalId}.Properties.ApiMappingKey: ${JSON.stringify(key)} must be one path segment of A-Z a-z 0-9 . _ ~ - (the local stack serves single-segment keys)`,
      );
    }
    return [{ domainName: String(properties['DomainName']).toLowerCase(), basePath: key }];
  });
}
