import { ref, sub, type CfnObject } from '../../cfn/types.ts';
import type { IdentitySource, WsConfig } from '../config/index.ts';
import { AUTHORIZER_HANDLER_KEY } from '../config/load.ts';
import type { Visitor } from '../context.ts';
import { LOGICAL_IDS } from '../naming.ts';
import type { GENERATED_AUTHORIZER_VARIABLES } from '../config/connect.ts';
import { ORIGIN_SECRET_HEADER } from '../config/edge.ts';
import { edgeGuarded } from './edge-guard.ts';
import { apiInvokePermission, lambdaIntegrationUri, typescriptFunction } from './function-resource.ts';

/**
 * A REQUEST Lambda authorizer for `$connect` (the only route that can have one, and the one
 * every connection passes). API Gateway refuses with 401 before calling it when an identity
 * source is missing; no result caching (WebSocket APIs do not support it).
 */
export const authorizerVisitor: Visitor = (template, { config, handlers }) => {
  const { authorization } = config.connect;
  if (authorization.type !== 'REQUEST') return;
  const paths = handlers.get(AUTHORIZER_HANDLER_KEY);
  if (!paths) throw new Error('no resolved handler for connect.authorization');
  template.Resources[LOGICAL_IDS.authorizerFunction] = typescriptFunction({
    paths,
    memorySize: authorization.memorySize,
    timeout: authorization.timeout,
    tracing: config.observability.tracing,
    environment: { ...authorization.environment, ...authorizerContext(config) },
  });
  template.Resources[LOGICAL_IDS.authorizerPermission] = apiInvokePermission(
    LOGICAL_IDS.authorizerFunction,
    `authorizers/\${${LOGICAL_IDS.authorizer}}`,
  );
  template.Resources[LOGICAL_IDS.authorizer] = {
    Type: 'AWS::ApiGatewayV2::Authorizer',
    Properties: {
      ApiId: ref(LOGICAL_IDS.api),
      Name: sub(`\${AWS::StackName}-${LOGICAL_IDS.authorizer}`),
      AuthorizerType: 'REQUEST',
      AuthorizerUri: lambdaIntegrationUri(LOGICAL_IDS.authorizerFunction),
      IdentitySource: [
        ...authorization.identitySources.map((source) => identitySourceExpression(config, source)),
        // Without the edge's header API Gateway answers 401 before the function runs: no password checks bypass the edge.
        ...(edgeGuarded(config) ? [`route.request.header.${ORIGIN_SECRET_HEADER}`] : []),
      ],
    },
  };
};

/**
 * What the authorizer helper (handlers/lib/connect-request.ts) reads: the path header, the identity pattern and the
 * edge's secret header. The config refuses an authorizer environment that sets these names itself.
 */
export function authorizerContext(
  config: WsConfig,
): Partial<Record<(typeof GENERATED_AUTHORIZER_VARIABLES)[number], string>> {
  const { edge, sessions } = config;
  return {
    ...(edge.enabled ? { PATH_HEADER: edge.pathHeader } : {}),
    ...(sessions.identity ? { IDENTITY_PATH_PATTERN: sessions.identity.pathPattern } : {}),
    ...(edgeGuarded(config) ? { ORIGIN_SECRET_HEADER } : {}),
  };
}

/** The `$connect` route's authorization properties. */
export function connectAuthorization({ connect }: WsConfig): CfnObject {
  switch (connect.authorization.type) {
    case 'NONE':
      return { AuthorizationType: 'NONE' };
    case 'AWS_IAM':
      return { AuthorizationType: 'AWS_IAM' };
    case 'REQUEST':
      return { AuthorizationType: 'CUSTOM', AuthorizerId: ref(LOGICAL_IDS.authorizer) };
  }
}

/**
 * Behind the edge, the viewer's `Authorization` arrives in `edge.authorizationHeader` (CloudFront
 * cannot forward `Authorization` through an origin request policy; the CloudFront Function copies it).
 */
export function identitySourceExpression({ edge }: WsConfig, source: IdentitySource): string {
  if (source.from === 'query') return `route.request.querystring.${source.name}`;
  const header = edge.enabled && source.name.toLowerCase() === 'authorization' ? edge.authorizationHeader : source.name;
  return `route.request.header.${header}`;
}

/** Whether the CloudFront Function must copy `Authorization` into `edge.authorizationHeader`. */
export function edgeCopiesAuthorization({ connect, edge }: WsConfig): boolean {
  return (
    edge.enabled &&
    connect.authorization.type === 'REQUEST' &&
    connect.authorization.identitySources.some((s) => s.from === 'header' && s.name.toLowerCase() === 'authorization')
  );
}
