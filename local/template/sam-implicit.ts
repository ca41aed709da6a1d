import { TemplateError } from './errors.ts';
import { hashedId } from './hash.ts';
import type { RawResource } from './references.ts';
import { isMapping } from '../shared/is-mapping.ts';

/** The implicit APIs SAM creates for `Api`/`HttpApi` events that name no API of their own; never emulated locally. */
const IMPLICIT_APIS: Record<string, { logicalId: string; type: string; apiKey: string }> = {
  Api: { logicalId: 'ServerlessRestApi', type: 'AWS::ApiGateway::RestApi', apiKey: 'RestApiId' },
  HttpApi: { logicalId: 'ServerlessHttpApi', type: 'AWS::ApiGatewayV2::Api', apiKey: 'ApiId' },
};

export interface SamImplicitResources {
  resources: Record<string, RawResource>;
  /** Those of them the local stack does not emulate (REST and HTTP APIs). */
  notEmulated: string[];
  /**
   * SAM's referenceable properties: `MyFunction.Alias` and `MyFunction.Version` name the alias and version that
   * `AutoPublishAlias` creates (`{ MyFunction: { Alias: 'MyFunctionAliaslive', Version: 'MyFunctionVersion…' } }`).
   */
  properties: Record<string, Record<string, string>>;
}

/**
 * Resources the SAM transform creates beside the ones a template declares, under names templates refer to
 * ("Generated CloudFormation resources for AWS SAM"): the execution role of each function and state machine that
 * sets no `Role` (`!GetAtt MyFunctionRole.Arn`; what it allows is local/iam's to work out from the SAM resource),
 * and `ServerlessRestApi`/`ServerlessHttpApi` for `Api`/`HttpApi` events (`!Sub https://${ServerlessRestApi}...`
 * in outputs), which are not WebSocket APIs and are not emulated, and the alias and version of a function with
 * `AutoPublishAlias` (autoPublished). Only their Ref/GetAtt values exist locally.
 */
export function samImplicitResources(
  resources: Record<string, RawResource>,
  parameters: Readonly<Record<string, string>>,
): SamImplicitResources {
  const implicit: Record<string, RawResource> = {};
  const notEmulated: string[] = [];
  // A Map, so a hostile logical id (`__proto__`) stays a key.
  const referenceable = new Map<string, Record<string, string>>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::Serverless::Function' && resource.Type !== 'AWS::Serverless::StateMachine') continue;
    const properties = resource.Properties ?? {};
    if (resource.Type === 'AWS::Serverless::Function') {
      const published = autoPublished(logicalId, resource, parameters);
      if (published !== undefined) {
        Object.assign(implicit, published.resources);
        referenceable.set(logicalId, published.properties);
      }
    }
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
  return { resources: implicit, notEmulated, properties: Object.fromEntries(referenceable) };
}

/**
 * The `AWS::Lambda::Version` and `AWS::Lambda::Alias` SAM creates for `AutoPublishAlias` ("Generated CloudFormation
 * resources for AWS SAM"): the alias is `{Function}Alias{name}`; the version's id ends in a hash of the function's code
 * on AWS, which changes with each deployment, so templates reach it only as `{Function}.Version` (the local hash is of
 * the code's location). The name is a string or a Ref to a parameter, as the transform demands.
 */
function autoPublished(
  logicalId: string,
  resource: RawResource,
  parameters: Readonly<Record<string, string>>,
): { resources: Record<string, RawResource>; properties: Record<string, string> } | undefined {
  const properties = resource.Properties ?? {};
  const raw = properties['AutoPublishAlias'];
  const refName = isMapping(raw) && Object.keys(raw).length === 1 ? raw['Ref'] : undefined;
  const name =
    typeof raw === 'string'
      ? raw
      : typeof refName === 'string' && Object.hasOwn(parameters, refName)
        ? parameters[refName]
        : raw === undefined
          ? undefined
          : null;
  if (name === null) {
    throw new TemplateError(
      `Resources.${logicalId}.Properties.AutoPublishAlias: must be a string or a Ref to a template parameter, got ${JSON.stringify(raw)}`,
    );
  }
  if (name === undefined || name === '') return undefined;
  if (!/^[A-Za-z0-9]+$/.test(name)) {
    throw new TemplateError(
      `Resources.${logicalId}.Properties.AutoPublishAlias: ${JSON.stringify(name)} would name the alias ${logicalId}Alias${name}, which CloudFormation refuses (logical IDs are alphanumeric)`,
    );
  }
  const condition = resource.Condition === undefined ? {} : { Condition: resource.Condition };
  const code = JSON.stringify(properties['CodeUri'] ?? properties['InlineCode'] ?? properties['ImageUri'] ?? null);
  const version = `${logicalId}Version${hashedId(code, 10)}`;
  const alias = `${logicalId}Alias${name}`;
  return {
    resources: {
      [version]: { Type: 'AWS::Lambda::Version', Properties: { FunctionName: { Ref: logicalId } }, ...condition },
      [alias]: {
        Type: 'AWS::Lambda::Alias',
        Properties: {
          FunctionName: { Ref: logicalId },
          Name: name,
          FunctionVersion: { 'Fn::GetAtt': [version, 'Version'] },
        },
        ...condition,
      },
    },
    properties: { Alias: alias, Version: version },
  };
}
