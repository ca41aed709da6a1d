import { TemplateError } from './errors.ts';
import { propertyReader, resourcesOfType } from './read-properties.ts';
import type { LocalResource, LocalTemplate } from './types.ts';

export interface LocalApi {
  logicalId: string;
  apiId: string;
  name: string;
  routeSelectionExpression: string;
  /** Stage names of the API's AWS::ApiGatewayV2::Stage resources. */
  stageNames: string[];
  /** `StageVariables` of each stage, by stage name. */
  stageVariables: Record<string, Record<string, string>>;
}

/** The template's one WebSocket API (the local stack serves exactly one). */
export function apiFromTemplate(template: LocalTemplate): LocalApi {
  const apis = resourcesOfType(template, 'AWS::ApiGatewayV2::Api');
  const [api] = apis;
  if (api === undefined || apis.length > 1) {
    throw new TemplateError(
      `Resources: the local stack needs exactly one AWS::ApiGatewayV2::Api, found ${apis.length}`,
    );
  }
  const read = propertyReader(api);
  const protocol = read.string('ProtocolType');
  if (protocol !== 'WEBSOCKET') {
    throw new TemplateError(
      `Resources.${api.logicalId}.Properties.ProtocolType: must be WEBSOCKET, got ${JSON.stringify(protocol)}`,
    );
  }
  const apiId = template.physicalIds.get(api.logicalId)?.ref ?? '';
  const stages = resourcesOfType(template, 'AWS::ApiGatewayV2::Stage').filter(
    (stage) => propertyReader(stage).raw('ApiId') === apiId,
  );
  const stageNames = stages.map((stage) => propertyReader(stage).string('StageName'));
  const stageVariables = Object.fromEntries(
    stages.map((stage) => [propertyReader(stage).string('StageName'), variablesOf(stage)]),
  );
  return {
    logicalId: api.logicalId,
    apiId,
    name: read.string('Name'),
    routeSelectionExpression: read.string('RouteSelectionExpression'),
    stageNames,
    stageVariables,
  };
}

/** API Gateway's rule for stage variables: names of letters, digits and _, values of `[A-Za-z0-9-._~:/?#&=,]` (1-2048). */
function variablesOf(stage: LocalResource): Record<string, string> {
  const variables = propertyReader(stage).raw('StageVariables') ?? {};
  const at = `Resources.${stage.logicalId}.Properties.StageVariables`;
  if (typeof variables !== 'object' || Array.isArray(variables))
    throw new TemplateError(`${at}: must be a mapping, got ${JSON.stringify(variables)}`);
  for (const [name, value] of Object.entries(variables)) {
    if (!/^[A-Za-z0-9_]{1,64}$/.test(name))
      throw new TemplateError(`${at}.${name}: a stage variable name is 1-64 letters, digits or _`);
    if (typeof value !== 'string' || !/^[A-Za-z0-9\-._~:/?#&=,]{1,2048}$/.test(value)) {
      throw new TemplateError(
        `${at}.${name}: a stage variable value is 1-2048 characters of A-Z a-z 0-9 - . _ ~ : / ? # & = , (got ${JSON.stringify(value).slice(0, 40)})`,
      );
    }
  }
  return variables as Record<string, string>;
}
