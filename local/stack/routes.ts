import type { RequestValidation, RouteAuthorization, RouteBinding } from '../api/index.ts';
import type { LocalRequestValidation, LocalRoute, RouteThrottle } from '../template/index.ts';
import type { RequiredRouteParametersMode } from './stack-options.ts';

/** Template routes → the gateway's bindings; integrations the local stack cannot run are refused by name. */
export function routeBindings(
  routes: LocalRoute[],
  validations: ReadonlyMap<string, LocalRequestValidation> = new Map(),
  throttles: ReadonlyMap<string, RouteThrottle> = new Map(),
  requiredParameters: RequiredRouteParametersMode = 'enforce',
): RouteBinding[] {
  return routes.map((route) => {
    const validation = validations.get(route.routeKey);
    const throttle = throttles.get(route.routeKey);
    const { integration } = route;
    const credentials = integration.credentialsArn === undefined ? {} : { credentialsArn: integration.credentialsArn };
    const common = {
      routeKey: route.routeKey,
      ...(route.apiKeyRequired ? { apiKeyRequired: true } : {}),
      ...(validation ? { requestValidation: requestValidationOf(validation) } : {}),
      ...(throttle ? { throttle } : {}),
      ...(requiredParameters === 'enforce' && route.requiredParameters.length > 0
        ? { requiredParameters: route.requiredParameters }
        : {}),
      hasRouteResponse: route.hasRouteResponse,
      authorization: authorizationOf(route),
    };
    const target = integration.target;
    if (integration.type === 'AWS_PROXY' && target?.kind === 'lambda') {
      return {
        ...common,
        integration: {
          type: 'AWS_PROXY',
          target: { ...target, ...credentials },
          timeoutMs: integration.timeoutInMillis,
        },
      };
    }
    const templates = {
      requestTemplates: integration.requestTemplates,
      ...(integration.templateSelectionExpression === undefined
        ? {}
        : { templateSelectionExpression: integration.templateSelectionExpression }),
      ...(integration.passthroughBehavior === undefined
        ? {}
        : { passthroughBehavior: integration.passthroughBehavior }),
      integrationResponses: route.integrationResponses.map((response) => ({
        key: response.key,
        templates: response.templates,
        ...(response.templateSelectionExpression === undefined
          ? {}
          : { templateSelectionExpression: response.templateSelectionExpression }),
      })),
      timeoutMs: integration.timeoutInMillis,
    };
    if (integration.type === 'AWS' && target?.kind === 'aws-service') {
      return { ...common, integration: { type: 'AWS', target: { ...target, ...credentials }, ...templates } };
    }
    if (integration.type === 'MOCK') return { ...common, integration: { type: 'MOCK', ...templates } };
    if ((integration.type === 'HTTP' || integration.type === 'HTTP_PROXY') && target?.kind === 'http') {
      return {
        ...common,
        integration: {
          type: integration.type,
          url: target.url,
          method: integration.method ?? 'POST',
          ...templates,
          ...(integration.requestParameters.length > 0 ? { requestParameters: integration.requestParameters } : {}),
        },
      };
    }
    throw new Error(
      `${route.logicalId}: ${integration.type} integration ${integration.logicalId} is not supported by the local stack`,
    );
  });
}

function requestValidationOf(validation: LocalRequestValidation): RequestValidation {
  const models = Object.fromEntries(Object.entries(validation.schemas).map(([key, model]) => [key, model.validate]));
  return { selectionExpression: validation.selectionExpression, models };
}

function authorizationOf(route: LocalRoute): RouteAuthorization {
  const { authorization } = route;
  if (authorization.type !== 'CUSTOM') return { type: authorization.type };
  const { functionArn, identitySources } = authorization.authorizer;
  return { type: 'CUSTOM', functionArn, identitySources: identitySources.map(({ from, name }) => ({ from, name })) };
}
