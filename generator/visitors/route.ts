import type { IntegrationProperties } from '../../cfn/apigatewayv2.ts';
import { join, ref, type CfnObject, type CfnTemplate } from '../../cfn/types.ts';
import { LOGICAL_IDS, routeIds } from '../naming.ts';

export interface RouteSpec {
  key: string;
  base: string;
  integration: IntegrationProperties;
  /** Two-way: the route has a route response, so the integration's answer reaches the client. */
  reply: boolean;
  /** `$connect` only: who may connect (default NONE). */
  authorization?: CfnObject;
  /** Non-proxy integrations: the integration response key that counts as success (`$default`, `/2\d\d/`). */
  integrationResponseKey?: string;
}

/** Route + integration (+ responses when the route replies), named from the route's base name. */
export function addRoute(template: CfnTemplate, spec: RouteSpec): void {
  const ids = routeIds(spec.base);
  const apiId = ref(LOGICAL_IDS.api);
  template.Resources[ids.route] = {
    Type: 'AWS::ApiGatewayV2::Route',
    Properties: {
      ApiId: apiId,
      RouteKey: spec.key,
      ...(spec.authorization ?? { AuthorizationType: 'NONE' }),
      OperationName: ids.route,
      Target: join('/', ['integrations', ref(ids.integration)]),
      ...(spec.reply ? { RouteResponseSelectionExpression: '$default' } : {}),
    },
  };
  template.Resources[ids.integration] = {
    Type: 'AWS::ApiGatewayV2::Integration',
    Properties: { ApiId: apiId, ...spec.integration },
  };
  if (spec.reply) {
    template.Resources[ids.routeResponse] = {
      Type: 'AWS::ApiGatewayV2::RouteResponse',
      Properties: { ApiId: apiId, RouteId: ref(ids.route), RouteResponseKey: '$default' },
    };
  }
  if (spec.integrationResponseKey !== undefined) {
    template.Resources[ids.integrationResponse] = {
      Type: 'AWS::ApiGatewayV2::IntegrationResponse',
      Properties: {
        ApiId: apiId,
        IntegrationId: ref(ids.integration),
        IntegrationResponseKey: spec.integrationResponseKey,
      },
    };
  }
}
