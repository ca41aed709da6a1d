import { TemplateError } from './errors.ts';
import { propertyReader, resourcesOfType } from './read-properties.ts';
import type { LocalTemplate } from './types.ts';

export interface LocalApi {
  logicalId: string;
  apiId: string;
  name: string;
  routeSelectionExpression: string;
  /** Stage names of the API's AWS::ApiGatewayV2::Stage resources. */
  stageNames: string[];
}

/** The template's one WebSocket API (the local stack serves exactly one). */
export function apiFromTemplate(template: LocalTemplate): LocalApi {
  const apis = resourcesOfType(template, 'AWS::ApiGatewayV2::Api');
  const [api] = apis;
  if (api === undefined || apis.length > 1) {
    throw new TemplateError(`Resources: the local stack needs exactly one AWS::ApiGatewayV2::Api, found ${apis.length}`);
  }
  const read = propertyReader(api);
  const protocol = read.string('ProtocolType');
  if (protocol !== 'WEBSOCKET') {
    throw new TemplateError(`Resources.${api.logicalId}.Properties.ProtocolType: must be WEBSOCKET, got ${JSON.stringify(protocol)}`);
  }
  const apiId = template.physicalIds.get(api.logicalId)?.ref ?? '';
  const stageNames = resourcesOfType(template, 'AWS::ApiGatewayV2::Stage')
    .map((stage) => propertyReader(stage))
    .filter((stage) => stage.raw('ApiId') === apiId)
    .map((stage) => stage.string('StageName'));
  return {
    logicalId: api.logicalId,
    apiId,
    name: read.string('Name'),
    routeSelectionExpression: read.string('RouteSelectionExpression'),
    stageNames,
  };
}
