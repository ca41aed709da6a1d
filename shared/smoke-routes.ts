/**
 * The `SmokeRoutes` stack output (docs/architecture.md#stack-outputs): the generator writes it
 * (generator/visitors/smoke-outputs.ts), the smoke suite reads it (smoke/outputs.ts). One shape for both sides.
 */
export const SMOKE_ROUTE_KINDS = ['lambda', 'express', 'standard', 'dynamodb', 'sendToIdentity'] as const;
export const SMOKE_WORKFLOWS = ['wait', 'wait-then-notify'] as const;

/**
 * What one route tells a smoke run: its kind, whether it answers the sender, and for a built-in workflow its shape
 * (so the run knows what the answer holds). User code (a Lambda, an ASL file) is opaque unless the route declares a
 * smoke check (what to send, what must arrive); without one the run checks only that such a route answers, or
 * accepts the message.
 */
export interface SmokeRoute {
  key: string;
  kind: (typeof SMOKE_ROUTE_KINDS)[number];
  reply: boolean;
  /** The built-in workflow, when the route runs one. */
  workflow?: (typeof SMOKE_WORKFLOWS)[number];
  /** wait-then-notify: the message the workflow posts as {"Message": …}. */
  notify?: string;
  /** The config's check of user code (generator/config/smoke-check.ts): what to send, and what must arrive. */
  check?: SmokeCheck;
}

/** `{{run}}` in `send` and `expect` stands for the run's id. */
export interface SmokeCheck {
  send: unknown;
  expect: { sender?: string | undefined; others?: string | undefined };
}

/** A SmokeRoutes entry's `check`, as the suite validates it when it reads the output. */
export function isSmokeCheck(value: unknown): value is SmokeCheck {
  if (typeof value !== 'object' || value === null || !('send' in value) || !('expect' in value)) return false;
  const expect = (value as { expect: unknown }).expect as Record<string, unknown> | null;
  if (typeof expect !== 'object' || expect === null) return false;
  const texts = [expect['sender'], expect['others']].filter((text) => text !== undefined);
  return texts.length > 0 && texts.every((text) => typeof text === 'string' && text !== '');
}

/** The output listing the alarms the deploy workflow's release gate watches (generator writes, smoke/release-gate.ts reads). */
export const RELEASE_GATE_OUTPUT = 'ReleaseGateAlarms';
