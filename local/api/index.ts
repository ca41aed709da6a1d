/** The local API Gateway WebSocket API (+ `@connections`). */
export { createApiGatewayService } from './service.ts';
export { evaluateRouteSelection } from './route-selection.ts';
export type { CustomDomainMapping } from './custom-domains.ts';
export type {
  ApiGatewayService,
  ApiGatewayServiceOptions,
  AccessLogValues,
  AuthorizerIdentitySource,
  ConnectionSummary,
  GatewayObserver,
  AwsServiceResponse,
  AwsServiceTarget,
  Backends,
  ConnectionAuthorizer,
  EventInput,
  EventType,
  GatewayLimits,
  Integration,
  LambdaInvokeLimits,
  LambdaInvokeResult,
  LambdaTarget,
  ProxyIntegration,
  RouteAuthorization,
  RouteBinding,
  RequestParameterMapping,
  RequestParameterSource,
  RequestValidation,
  RequiredRouteParameter,
  ServiceIntegration,
} from './types.ts';
