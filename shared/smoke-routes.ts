/**
 * The `SmokeRoutes` stack output (docs/architecture.md#stack-outputs): the generator writes it
 * (generator/visitors/smoke-outputs.ts), the smoke suite reads it (smoke/outputs.ts). One shape for both sides.
 */
export const SMOKE_ROUTE_KINDS = ['lambda', 'express', 'standard', 'dynamodb', 'sendToIdentity'] as const;
export const SMOKE_WORKFLOWS = ['wait', 'wait-then-notify'] as const;

/**
 * What one route tells a smoke run: its kind, whether it answers the sender, and for a built-in workflow its shape
 * (so the run knows what the answer holds). User code (a Lambda, an ASL file) is opaque: the run checks only that
 * such a route answers, or accepts the message.
 */
export interface SmokeRoute {
  key: string;
  kind: (typeof SMOKE_ROUTE_KINDS)[number];
  reply: boolean;
  /** The built-in workflow, when the route runs one. */
  workflow?: (typeof SMOKE_WORKFLOWS)[number];
  /** wait-then-notify: the message the workflow posts as {"Message": …}. */
  notify?: string;
}
