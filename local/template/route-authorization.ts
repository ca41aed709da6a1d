import type { LocalAuthorizer } from './authorizers.ts';
import { TemplateError } from './errors.ts';
import { propertyReader } from './read-properties.ts';
import type { LocalResource } from './types.ts';

/** How a route is protected: NONE, AWS_IAM (SigV4) or CUSTOM (a Lambda REQUEST authorizer). */
export type RouteAuthorization =
  | { type: 'NONE' }
  | { type: 'AWS_IAM' }
  | { type: 'CUSTOM'; authorizer: LocalAuthorizer };

const TYPES = ['NONE', 'AWS_IAM', 'CUSTOM'] as const;

/**
 * A Route's AuthorizationType and AuthorizerId, checked the way API Gateway checks them:
 * only `$connect` can be authorized, and CUSTOM needs an authorizer of this API.
 */
export function routeAuthorization(
  resource: LocalResource,
  routeKey: string,
  authorizers: ReadonlyMap<string, LocalAuthorizer>,
): RouteAuthorization {
  const read = propertyReader(resource);
  const where = `Resources.${resource.logicalId}.Properties`;
  const type = read.optionalString('AuthorizationType') ?? 'NONE';
  if (!(TYPES as readonly string[]).includes(type)) {
    throw new TemplateError(
      `${where}.AuthorizationType: ${JSON.stringify(type)} must be one of ${TYPES.join(', ')} on a WebSocket route`,
    );
  }
  if (type !== 'NONE' && routeKey !== '$connect') {
    throw new TemplateError(
      `${where}.AuthorizationType: ${type} on route ${JSON.stringify(routeKey)}: only the $connect route can have authorization (use NONE)`,
    );
  }
  const authorizerId = read.optionalString('AuthorizerId');
  if (type !== 'CUSTOM') {
    if (authorizerId !== undefined)
      throw new TemplateError(
        `${where}.AuthorizerId: ${JSON.stringify(authorizerId)} is only allowed with AuthorizationType CUSTOM, got ${type}`,
      );
    return type === 'AWS_IAM' ? { type } : { type: 'NONE' };
  }
  if (authorizerId === undefined)
    throw new TemplateError(
      `${where}.AuthorizerId: required with AuthorizationType CUSTOM (the Ref of an AWS::ApiGatewayV2::Authorizer)`,
    );
  const authorizer = authorizers.get(authorizerId);
  if (authorizer === undefined) {
    throw new TemplateError(
      `${where}.AuthorizerId: ${JSON.stringify(authorizerId)} must be the Ref of an AWS::ApiGatewayV2::Authorizer in this template (AuthorizationType CUSTOM)`,
    );
  }
  return { type, authorizer };
}
