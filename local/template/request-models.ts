import { type LocalRequestValidation, requestValidationOf } from './models.ts';
import { propertyReader, resourcesOfType } from './read-properties.ts';
import type { LocalTemplate } from './types.ts';

/** Request validation of each route of the API, by route key, and what is read but not validated. */
export function requestValidationsFromTemplate(
  template: LocalTemplate,
  apiId: string,
): { byRouteKey: Map<string, LocalRequestValidation>; warnings: string[] } {
  const warnings: string[] = [];
  const byRouteKey = new Map<string, LocalRequestValidation>();
  for (const route of resourcesOfType(template, 'AWS::ApiGatewayV2::Route')) {
    const read = propertyReader(route);
    if (read.raw('ApiId') !== apiId) continue;
    const validation = requestValidationOf(template, route, apiId, warnings);
    if (validation === undefined) continue;
    const routeKey = read.string('RouteKey');
    // $connect and $disconnect carry no message body to validate.
    if (routeKey === '$connect' || routeKey === '$disconnect') {
      warnings.push(
        `Resources.${route.logicalId}.Properties.RequestModels (AWS::ApiGatewayV2::Route): route ${routeKey} has no message body; not validated`,
      );
      continue;
    }
    byRouteKey.set(routeKey, validation);
  }
  return { byRouteKey, warnings };
}
