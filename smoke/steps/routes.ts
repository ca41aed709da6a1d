/**
 * Message routes, one step per route the stack outputs (SmokeRoutes): a route that replies is answered, a silent one
 * accepts the message without an error answer. Built-in workflows say what their answer holds (`wait`: the input;
 * `wait-then-notify`: a message through @connections); user code (a Lambda, an ASL file) is checked only for an answer.
 */
import assert from 'node:assert/strict';
import { connect, type SmokeClient } from '../client.ts';
import type { SmokeContext } from '../context.ts';
import { smokeStep } from './smoke-step.ts';
import { edgeUrl, routeMessage } from '../outputs.ts';
import type { SmokeRoute } from '../../shared/smoke-routes.ts';
import { checkDeclaredBehaviour } from './route-check.ts';

const ARN_PREFIX = 'arn:aws[a-z-]*:states:';
/** How long a silent route is watched for an error answer. */
const SILENT_WATCH_MS = 1000;

type RouteCheck = (context: SmokeContext, client: SmokeClient, route: SmokeRoute) => Promise<void>;

export function routeSteps(context: SmokeContext, routes: readonly SmokeRoute[]): void {
  const { settings } = context;
  for (const route of routes) {
    // $connect / $disconnect have the connect and disconnect steps, sendToIdentity the identity steps.
    if (
      route.kind === 'dynamodb' ||
      route.kind === 'sendToIdentity' ||
      route.key === '$connect' ||
      route.key === '$disconnect'
    )
      continue;
    const declared = route.check;
    if (declared !== undefined) {
      const receivers = [declared.expect.sender && 'the sender', declared.expect.others && 'another connection']
        .filter(Boolean)
        .join(' and ');
      smokeStep(
        context,
        `${route.key} (${route.kind}): does what the config's smoke check says (${receivers} receive${declared.expect.sender && declared.expect.others ? '' : 's'} it)`,
        () => checkDeclaredBehaviour(context, route, declared, (data) => declaredMessage(context, route, data)),
      );
      continue;
    }
    const check = route.reply ? (REPLY_CHECKS[route.kind] ?? silentRoute) : silentRoute;
    smokeStep(
      context,
      `${route.key} (${route.kind}${route.workflow ? ` ${route.workflow}` : ''}): ${route.reply ? 'answers the sender' : 'accepts a message without an error answer'}`,
      async () => {
        const client = await connect(edgeUrl(context.outputs()), settings.stepTimeoutMs);
        try {
          await check(context, client, route);
        } finally {
          await client.close();
        }
      },
    );
  }
}

const REPLY_CHECKS: Partial<Record<SmokeRoute['kind'], RouteCheck>> = {
  lambda: lambdaReply,
  express: expressReply,
  standard: standardReply,
};

/** A message for the route: `$default` gets a non-JSON-route payload, other routes their key at the selection field. */
function messageFor(context: SmokeContext, route: SmokeRoute, data: unknown): string {
  return route.key === '$default'
    ? JSON.stringify({ greeting: 'hello there', run: data })
    : routeMessage(context.outputs(), route.key, data);
}

/** A declared check's message: for `$default` the config's `send` is the whole message, else the route's `data`. */
function declaredMessage(context: SmokeContext, route: SmokeRoute, data: unknown): string {
  if (route.key !== '$default') return routeMessage(context.outputs(), route.key, data);
  return typeof data === 'string' ? data : JSON.stringify(data);
}

/** Any answer passes; an answer that is the echoed event (the sample's handler) must name this route and carry the payload. */
async function lambdaReply(context: SmokeContext, client: SmokeClient, route: SmokeRoute): Promise<void> {
  const payload = messageFor(context, route, context.uniqueId());
  client.socket.send(payload);
  const text = await client.next(`the answer of ${route.key}`, context.settings.stepTimeoutMs);
  assert.doesNotMatch(
    text,
    /"message"\s*:\s*"(Internal server error|Forbidden)/,
    `${route.key}: an error answer: ${text.slice(0, 300)}`,
  );
  let echo: { requestContext?: { routeKey?: string; eventType?: string }; body?: string } | undefined;
  try {
    echo = JSON.parse(text) as typeof echo;
  } catch {
    return; // a plain-text answer is the handler's own business
  }
  if (echo?.requestContext === undefined) return;
  assert.equal(echo.requestContext.routeKey, route.key, `${route.key}: the echoed event's routeKey`);
  assert.equal(echo.requestContext.eventType, 'MESSAGE', `${route.key}: the echoed event's eventType`);
  assert.equal(echo.body, payload, `${route.key}: the echoed event must carry the payload as body`);
}

async function expressReply(context: SmokeContext, client: SmokeClient, route: SmokeRoute): Promise<void> {
  const data = context.uniqueId();
  client.socket.send(messageFor(context, route, data));
  const result = await client.nextJson<Record<string, unknown>>(
    `the ${route.key} execution result`,
    context.settings.stepTimeoutMs,
  );
  const region = context.outputs().Region;
  // A user's definition may fail on input the suite cannot know (its own data shape): it must run and answer.
  const statuses = route.workflow === undefined ? ['SUCCEEDED', 'FAILED', 'TIMED_OUT'] : ['SUCCEEDED'];
  assert.ok(
    statuses.includes(String(result['status'])),
    `${route.key}: execution status must be ${statuses.join(' or ')} (result ${JSON.stringify(result).slice(0, 300)})`,
  );
  if (route.workflow === 'wait')
    assert.equal(
      result['output'],
      JSON.stringify(data),
      `${route.key}: output is the workflow input (the message's data)`,
    );
  assert.match(
    String(result['executionArn']),
    new RegExp(`^${ARN_PREFIX}${region}:\\d{12}:express:`),
    `${route.key}: executionArn`,
  );
  assert.match(
    String(result['stateMachineArn']),
    new RegExp(`^${ARN_PREFIX}${region}:\\d{12}:stateMachine:`),
    `${route.key}: stateMachineArn`,
  );
}

async function standardReply(context: SmokeContext, client: SmokeClient, route: SmokeRoute): Promise<void> {
  client.socket.send(messageFor(context, route, context.uniqueId()));
  const started = await client.nextJson<Record<string, unknown>>(
    `the ${route.key} StartExecution response`,
    context.settings.stepTimeoutMs,
  );
  assert.match(
    String(started['executionArn']),
    new RegExp(`^${ARN_PREFIX}${context.outputs().Region}:\\d{12}:execution:`),
    `${route.key}: executionArn (response ${JSON.stringify(started).slice(0, 300)})`,
  );
  assert.equal(typeof started['startDate'], 'number', `${route.key}: startDate`);
  if (route.notify === undefined) return;
  const callback = await client.nextJson(
    `the ${route.key} workflow's @connections message`,
    context.settings.callbackTimeoutMs,
  );
  assert.deepEqual(callback, { Message: route.notify }, `${route.key}: the workflow's message`);
}

/** A silent route may still send (a broadcast reaches the sender too): only an error answer or a close fails it. */
async function silentRoute(context: SmokeContext, client: SmokeClient, route: SmokeRoute): Promise<void> {
  client.socket.send(messageFor(context, route, context.uniqueId()));
  for (const deadline = Date.now() + SILENT_WATCH_MS; Date.now() < deadline; ) {
    const text = await client.next('any message', Math.max(1, deadline - Date.now())).catch(() => undefined);
    if (text === undefined) break;
    assert.doesNotMatch(text, /"message"\s*:\s*"(Internal server error|Forbidden)/, `${route.key}: an error answer`);
  }
  assert.equal(client.socket.readyState, client.socket.OPEN, `${route.key}: the connection must stay open`);
}
