import { configSchema, type WsConfig } from './schema.ts';
import { ConfigError, describeIssue } from './errors.ts';
import { BUILT_IN_WORKFLOWS, routeSchema } from './routes.ts';
import { attributeSource } from './sessions.ts';
import { authorizationSchema, identitySourceSchema } from './connect.ts';
import { billingSchema } from './tables.ts';

export type { WsConfig, WsConfigInput } from './schema.ts';
export type { SessionsConfig, AttributeSource } from './sessions.ts';
export type {
  LambdaRoute,
  StepFunctionsRoute,
  MessageRoute,
  Route,
  Workflow,
  BuiltInWorkflow,
  SendToIdentityRoute,
} from './routes.ts';
export type { FunctionConfig } from './functions.ts';
export type { ConnectConfig, AuthorizationConfig, IdentitySource } from './connect.ts';
export type { EdgeConfig } from './edge.ts';
export type { ObservabilityConfig } from './observability.ts';
export type { DomainConfig, FirewallConfig, AlarmsConfig } from './production.ts';
export { ConfigError } from './errors.ts';

export { defineConfig } from './define-config.ts';

/** Validate a raw config; throws one ConfigError listing every problem. */
export function parseConfig(raw: unknown, source = 'ws.config.ts'): WsConfig {
  // Without zod's compiled fast path: a config is parsed once per run, and generating and compiling that code cost
  // more than the parse it speeds up (issue 20); both paths report the same issues.
  const result = configSchema.safeParse(raw, { jitless: true });
  if (!result.success) {
    throw new ConfigError(
      source,
      result.error.issues.flatMap((issue) => describeIssue(issue, raw, discriminatorKinds())),
    );
  }
  return result.data;
}

/** The allowed values of each discriminator, read from the schemas so messages never go stale. */
function discriminatorKinds(): Record<string, string[]> {
  return {
    integration: routeSchema.options.map((o) => o.shape.integration.value),
    template: [...BUILT_IN_WORKFLOWS],
    from: attributeSource.options.map((o) => o.shape.from.value),
    type: authorizationSchema.options.map((o) => o.shape.type.value),
    mode: billingSchema.options.map((o) => o.shape.mode.value),
    // Keyed by the list holding the union, where one discriminator name means different things.
    'identitySources.from': identitySourceSchema.options.map((o) => o.shape.from.value),
  };
}
