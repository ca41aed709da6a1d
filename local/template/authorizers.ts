import { TemplateError } from './errors.ts';
import { parseIntegrationUri } from './integration-uri.ts';
import { propertyReader, resourcesOfType } from './read-properties.ts';
import type { LocalResource, LocalTemplate } from './types.ts';

/** Where a REQUEST authorizer reads one identity value on `$connect` (docs/aws-behaviour.md#apigw-authorizers). */
export interface IdentitySource {
  /** As written, e.g. `route.request.header.Auth`. */
  expression: string;
  from: 'header' | 'querystring';
  name: string;
}

/** A Lambda REQUEST authorizer (the only kind WebSocket APIs have besides AWS_IAM). */
export interface LocalAuthorizer {
  logicalId: string;
  authorizerId: string;
  functionArn: string;
  identitySources: IdentitySource[];
}

const IDENTITY_SOURCE = /^route\.request\.(header|querystring)\.([^\s.][^\s]*)$/;

function authorizerOf(template: LocalTemplate, resource: LocalResource): LocalAuthorizer {
  const read = propertyReader(resource);
  const where = `Resources.${resource.logicalId}.Properties`;
  const type = read.string('AuthorizerType');
  if (type !== 'REQUEST') {
    throw new TemplateError(
      `${where}.AuthorizerType: ${JSON.stringify(type)} is not supported by the local stack (WebSocket APIs support REQUEST Lambda authorizers)`,
    );
  }
  const uri = read.optionalString('AuthorizerUri');
  if (uri === undefined) throw new TemplateError(`${where}.AuthorizerUri: required for AuthorizerType REQUEST`);
  const target = parseIntegrationUri(uri, resource.logicalId);
  if (target.kind !== 'lambda') {
    throw new TemplateError(
      `${where}.AuthorizerUri: ${JSON.stringify(uri)} must be a Lambda invocation URI (arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations)`,
    );
  }
  const identitySources = read.stringList('IdentitySource', []).map((expression, index): IdentitySource => {
    const match = IDENTITY_SOURCE.exec(expression);
    if (match?.[1] === undefined || match[2] === undefined) {
      throw new TemplateError(
        `${where}.IdentitySource[${index}]: ${JSON.stringify(expression)} is not supported by the local stack ` +
          '(supported: route.request.header.NAME, route.request.querystring.NAME)',
      );
    }
    return { expression, from: match[1] as IdentitySource['from'], name: match[2] };
  });
  if (identitySources.length === 0) {
    throw new TemplateError(
      `${where}.IdentitySource: a REQUEST authorizer needs at least one identity source (route.request.header.NAME or route.request.querystring.NAME)`,
    );
  }
  return {
    logicalId: resource.logicalId,
    authorizerId: template.physicalIds.get(resource.logicalId)?.ref ?? '',
    functionArn: target.functionArn,
    identitySources,
  };
}

/** Every AWS::ApiGatewayV2::Authorizer of the template, keyed by its id (what a Route's AuthorizerId holds). */
export function authorizersFromTemplate(template: LocalTemplate): Map<string, LocalAuthorizer> {
  const authorizers = resourcesOfType(template, 'AWS::ApiGatewayV2::Authorizer').map((resource) =>
    authorizerOf(template, resource),
  );
  return new Map(authorizers.map((authorizer) => [authorizer.authorizerId, authorizer]));
}
