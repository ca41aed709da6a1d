import type { RawResource } from './references.ts';

/** The implicit APIs SAM creates for `Api`/`HttpApi` events that name no API of their own; never emulated locally. */
const IMPLICIT_APIS: Record<string, { logicalId: string; type: string; apiKey: string }> = {
  Api: { logicalId: 'ServerlessRestApi', type: 'AWS::ApiGateway::RestApi', apiKey: 'RestApiId' },
  HttpApi: { logicalId: 'ServerlessHttpApi', type: 'AWS::ApiGatewayV2::Api', apiKey: 'ApiId' },
};

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export interface SamImplicitResources {
  resources: Record<string, RawResource>;
  /** Those of them the local stack does not emulate (REST and HTTP APIs). */
  notEmulated: string[];
}

/**
 * Resources the SAM transform creates beside the ones a template declares, under names templates refer to
 * ("Generated CloudFormation resources for AWS SAM"): the execution role of each function and state machine that
 * sets no `Role` (`!GetAtt MyFunctionRole.Arn`; what it allows is local/iam's to work out from the SAM resource),
 * and `ServerlessRestApi`/`ServerlessHttpApi` for `Api`/`HttpApi` events (`!Sub https://${ServerlessRestApi}...`
 * in outputs), which are not WebSocket APIs and are not emulated. Only their Ref/GetAtt values exist locally.
 */
export function samImplicitResources(resources: Record<string, RawResource>): SamImplicitResources {
  const implicit: Record<string, RawResource> = {};
  const notEmulated: string[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::Serverless::Function' && resource.Type !== 'AWS::Serverless::StateMachine') continue;
    const properties = resource.Properties ?? {};
    for (const event of Object.values(isMapping(properties['Events']) ? properties['Events'] : {})) {
      if (!isMapping(event)) continue;
      const type = event['Type'];
      const api = typeof type === 'string' && Object.hasOwn(IMPLICIT_APIS, type) ? IMPLICIT_APIS[type] : undefined;
      const ownApi =
        isMapping(event['Properties']) && api !== undefined && event['Properties'][api.apiKey] !== undefined;
      if (api === undefined || ownApi) continue;
      implicit[api.logicalId] = { Type: api.type };
      if (!notEmulated.includes(api.logicalId)) notEmulated.push(api.logicalId);
    }
    if (properties['Role'] !== undefined) continue;
    const rolePath = properties['RolePath'];
    implicit[`${logicalId}Role`] = {
      Type: 'AWS::IAM::Role',
      Properties: rolePath === undefined ? {} : { Path: rolePath },
      ...(resource.Condition === undefined ? {} : { Condition: resource.Condition }),
    };
  }
  return { resources: implicit, notEmulated };
}
