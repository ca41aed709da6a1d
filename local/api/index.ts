/** The local API Gateway WebSocket API (+ `@connections`). */
export { createApiGatewayService } from './service.ts';
export { DEFAULT_LIMITS } from './options.ts';
export { evaluateRouteSelection } from './route-selection.ts';
export type {
  ApiGatewayService,
  ApiGatewayServiceOptions,
  AwsServiceResponse,
  AwsServiceTarget,
  Backends,
  EventInput,
  EventType,
  GatewayLimits,
  Integration,
  LambdaInvokeResult,
  LambdaTarget,
  ProxyIntegration,
  RouteBinding,
  ServiceIntegration,
} from './types.ts';
