import type { SelectionExpression } from '../../lang/selection/index.ts';
import type { VtlEngine } from '../../lang/vtl/index.ts';
import type { ApiKeyGate } from './api-keys.ts';
import type { CustomDomainMapping } from './custom-domains.ts';
import type { FailureLog } from './failure-log.ts';
import type { ResolvedOptions } from './options.ts';
import type { RouteThrottles } from './route-throttles.ts';
import type { TimeoutQueues } from './timeout-queue.ts';
import type { Backends, GatewayObserver } from './types.ts';

/** What the gateway's request handlers share; one per service instance. */
export interface GatewayContext {
  options: ResolvedOptions;
  backends: Backends;
  vtl: VtlEngine;
  /** A template or route selection expression, compiled once per gateway (not per request or message). */
  selectionExpression(expression: string): SelectionExpression;
  /** `$context.domainName` (defaults to the listening address, known only after start) */
  domainName(): string;
  /** The custom domain mapping an upgrade's or `@connections` request's Host names, if any (custom-domains.ts). */
  customDomainFor(host: string | undefined): CustomDomainMapping | undefined;
  /** Whether an upgrade's Host names this API (host-names.ts); others get 403 as on AWS. */
  answersForHost(host: string | undefined): boolean;
  /** A fresh connection, request or message id (ids.ts). */
  newId(): string;
  /** The `$connect` API key check, with each key's usage plan throttle and quota (api-keys.ts). */
  apiKeys: ApiKeyGate;
  /** The stage's throttle of each throttled route (route-throttles.ts). */
  routeThrottles: RouteThrottles;
  /** Integration and authorizer call timeouts, one queue per duration (`timeoutMs` of an integration, else `limits.integrationTimeoutMs`). */
  integrationTimeouts: TimeoutQueues;
  /** Where failed messages are logged: repeats of one kind are counted, not logged one by one. */
  logFailure: FailureLog;
  /** Undefined when nobody observes (no access log, no console): the message path then checks one field. */
  observer: GatewayObserver | undefined;
}
