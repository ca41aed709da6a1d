import { PASSTHROUGH_BEHAVIORS, type PassthroughBehavior } from '../../cfn/apigatewayv2.ts';
import { authorizersFromTemplate } from './authorizers.ts';
import { TemplateError } from './errors.ts';
import { parseIntegrationUri, type IntegrationTarget } from './integration-uri.ts';
import { propertyReader, resourcesOfType } from './read-properties.ts';
import type { RequestParameterMapping, RequiredRouteParameter } from '../shared/request-parameters.ts';
import {
  type DeclaredRouteParameters,
  integrationRequestParameters,
  requiredRouteParameters,
  routeRequestParameters,
} from './request-parameters.ts';
import { type RouteAuthorization, routeAuthorization } from './route-authorization.ts';
import type { LocalResource, LocalTemplate } from './types.ts';

export interface LocalIntegration {
  logicalId: string;
  integrationId: string;
  /** AWS, AWS_PROXY, HTTP, HTTP_PROXY or MOCK. */
  type: string;
  method: string | undefined;
  /** Undefined only for MOCK integrations without a URI. */
  target: IntegrationTarget | undefined;
  credentialsArn: string | undefined;
  requestTemplates: Record<string, string>;
  templateSelectionExpression: string | undefined;
  passthroughBehavior: PassthroughBehavior | undefined;
  /** API Gateway's default and maximum for WebSocket integrations: 29 000 ms. */
  timeoutInMillis: number;
  contentHandlingStrategy: string | undefined;
  /** `RequestParameters` (HTTP and HTTP_PROXY only; anything else is refused): request-parameters.ts. */
  requestParameters: RequestParameterMapping[];
}

export interface LocalIntegrationResponse {
  logicalId: string;
  key: string;
  templates: Record<string, string>;
  templateSelectionExpression: string | undefined;
}

export interface LocalRoute {
  logicalId: string;
  routeId: string;
  apiId: string;
  routeKey: string;
  /** NONE, AWS_IAM or CUSTOM; only `$connect` may have anything but NONE. */
  authorization: RouteAuthorization;
  routeResponseSelectionExpression: string | undefined;
  /** `ApiKeyRequired` (default false); API Gateway checks keys on `$connect` only (api-keys.ts warns on others). */
  apiKeyRequired: boolean;
  integration: LocalIntegration;
  /** A RouteResponse makes the route two-way (docs/aws-behaviour.md#apigw-responses). */
  hasRouteResponse: boolean;
  routeResponseKeys: string[];
  integrationResponses: LocalIntegrationResponse[];
  /** `$connect`'s route request parameters declared `Required: true` (request-parameters.ts). */
  requiredParameters: RequiredRouteParameter[];
}

const refOf = (template: LocalTemplate, resource: LocalResource) =>
  template.physicalIds.get(resource.logicalId)?.ref ?? '';

function integrationOf(
  template: LocalTemplate,
  resource: LocalResource,
  usedBy: ReadonlyMap<string, DeclaredRouteParameters>,
): LocalIntegration {
  const read = propertyReader(resource);
  const type = read.string('IntegrationType');
  const uri = read.optionalString('IntegrationUri');
  if (uri === undefined && type !== 'MOCK') {
    throw new TemplateError(
      `Resources.${resource.logicalId}.Properties.IntegrationUri: required for IntegrationType ${type}`,
    );
  }
  return {
    logicalId: resource.logicalId,
    integrationId: refOf(template, resource),
    type,
    method: read.optionalString('IntegrationMethod'),
    target: uri === undefined ? undefined : parseIntegrationUri(uri, resource.logicalId),
    credentialsArn: read.optionalString('CredentialsArn'),
    requestTemplates: read.stringMap('RequestTemplates'),
    templateSelectionExpression: read.optionalString('TemplateSelectionExpression'),
    passthroughBehavior: read.optionalOneOf('PassthroughBehavior', PASSTHROUGH_BEHAVIORS),
    timeoutInMillis: timeoutOf(resource, read.number('TimeoutInMillis', 29000)),
    contentHandlingStrategy: read.optionalString('ContentHandlingStrategy'),
    requestParameters: integrationRequestParameters(resource, type, usedBy),
  };
}

/** API Gateway's range for WebSocket integrations (CreateIntegration: 50-29,000 ms), refused at deploy otherwise. */
function timeoutOf(resource: LocalResource, value: number): number {
  if (!Number.isInteger(value) || value < 50 || value > 29000) {
    throw new TemplateError(
      `Resources.${resource.logicalId}.Properties.TimeoutInMillis: must be an integer from 50 to 29000 for a WebSocket API, got ${value}`,
    );
  }
  return value;
}

/**
 * Every route with its integration, route responses and integration responses, joined
 * through the resolved IDs (Route.Target `integrations/{id}`, RouteResponse.RouteId,
 * IntegrationResponse.IntegrationId), the same way API Gateway joins them.
 */
export function integrationsFromTemplate(template: LocalTemplate): LocalRoute[] {
  const routes = resourcesOfType(template, 'AWS::ApiGatewayV2::Route').map((resource) => {
    const read = propertyReader(resource);
    const routeKey = read.string('RouteKey');
    const target = read.optionalString('Target');
    const integrationId = target?.startsWith('integrations/') ? target.slice('integrations/'.length) : undefined;
    return { resource, read, routeKey, target, integrationId, declared: routeRequestParameters(resource, routeKey) };
  });
  /** Each integration's routes (route key → what it declares): a mapping from route parameters is checked against them. */
  const usedBy = (integrationId: string) =>
    new Map(routes.filter((route) => route.integrationId === integrationId).map((r) => [r.routeKey, r.declared]));
  const integrations = new Map(
    resourcesOfType(template, 'AWS::ApiGatewayV2::Integration').map((r) => {
      const id = refOf(template, r);
      return [id, integrationOf(template, r, usedBy(id))];
    }),
  );
  const authorizers = authorizersFromTemplate(template);
  const routeResponses = resourcesOfType(template, 'AWS::ApiGatewayV2::RouteResponse').map((r) => propertyReader(r));
  const integrationResponses = resourcesOfType(template, 'AWS::ApiGatewayV2::IntegrationResponse').map((resource) => {
    const read = propertyReader(resource);
    return {
      integrationId: read.string('IntegrationId'),
      response: {
        logicalId: resource.logicalId,
        key: read.string('IntegrationResponseKey'),
        templates: read.stringMap('ResponseTemplates'),
        templateSelectionExpression: read.optionalString('TemplateSelectionExpression'),
      },
    };
  });

  return routes.map(({ resource, read, routeKey, target, integrationId, declared }) => {
    const routeId = refOf(template, resource);
    const integration = integrationId === undefined ? undefined : integrations.get(integrationId);
    if (integration === undefined) {
      throw new TemplateError(
        `Resources.${resource.logicalId}.Properties.Target: ${JSON.stringify(target)} must be integrations/{id} of an AWS::ApiGatewayV2::Integration in this template`,
      );
    }
    const responseKeys = routeResponses
      .filter((r) => r.raw('RouteId') === routeId)
      .map((r) => r.string('RouteResponseKey'));
    return {
      logicalId: resource.logicalId,
      routeId,
      apiId: read.string('ApiId'),
      routeKey,
      authorization: routeAuthorization(resource, routeKey, authorizers),
      routeResponseSelectionExpression: read.optionalString('RouteResponseSelectionExpression'),
      apiKeyRequired: read.raw('ApiKeyRequired') === true || read.raw('ApiKeyRequired') === 'true',
      integration,
      hasRouteResponse: responseKeys.length > 0,
      routeResponseKeys: responseKeys,
      integrationResponses: integrationResponses
        .filter((r) => r.integrationId === integration.integrationId)
        .map((r) => r.response),
      requiredParameters: requiredRouteParameters(declared),
    };
  });
}
