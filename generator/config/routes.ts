import { z } from 'zod';
import { addProblem } from './add-problem.ts';
import { functionFields } from './functions.ts';
import { freeText, utf8Bytes } from './names.ts';
import { smokeCheckSchema } from './smoke-check.ts';
import type { RouteKind } from './route-kinds.ts';

/** A route served by a TypeScript Lambda function (AWS_PROXY integration), bundled by esbuild. */
export const lambdaRouteSchema = z
  .object({
    integration: z.literal('lambda'),
    ...functionFields,
    /** Send the function's `body` back to the client (a route response). @default true */
    reply: z.boolean().default(true),
    /** What the smoke suite sends this route and must receive back (./smoke-check.ts). */
    smoke: smokeCheckSchema.optional(),
  })
  .strict();

/** API Gateway's WebSocket message payload limit, in bytes (128 KB). */
const MESSAGE_PAYLOAD_LIMIT = 131_072;

/** Built-in workflow shapes, each a ready-made definition: an ASL partial under templates/asl/. */
const builtInWorkflows = [
  z
    .object({
      /** Waits, then ends; the execution result is the input. */
      template: z.literal('wait'),
      /** @default 5 */
      waitSeconds: z.number().int().min(0).max(3600).default(5),
    })
    .strict(),
  z
    .object({
      /** Waits, then posts `message` to the caller's connection through `@connections`. */
      template: z.literal('wait-then-notify'),
      /** @default 5 */
      waitSeconds: z.number().int().min(0).max(3600).default(5),
      /**
       * Sent to the client as the JSON `{"Message": message}`, which must fit API Gateway's 128 KB
       * message payload (apigateway-execution-service-websocket-limits-table.html).
       * @default 'Hello from asynchronous workflow execution!'
       */
      message: freeText
        .refine(
          (text) => !text.includes('${'),
          'must not contain "${" (Step Functions would read it as a substitution)',
        )
        .refine(
          (text) => utf8Bytes(JSON.stringify({ Message: text })) <= MESSAGE_PAYLOAD_LIMIT,
          'must fit API Gateway\'s 128 KB message payload as {"Message": message}',
        )
        .default('Hello from asynchronous workflow execution!'),
    })
    .strict(),
] as const;

/** The built-in shapes' names, for messages. */
export const BUILT_IN_WORKFLOWS = builtInWorkflows.map((schema) => schema.shape.template.value);

/**
 * Your own workflow: an Amazon States Language definition file, JSON or YAML, relative to the config file
 * (read by the config loader). `${...}` placeholders name what the config declares: `${ApiEndpoint}` and
 * `${Stage}` (the stage's `@connections` API, for `arn:aws:states:::apigateway:invoke`), `${SessionsTable}`,
 * and `${Function_<name>}` (the ARN of a function in `functions`). Task states may call those functions
 * (`arn:aws:states:::lambda:invoke` with `"FunctionName": "${Function_<name>}"`, or `"Resource": "${Function_<name>}"`),
 * the sessions table (`arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem` and
 * `arn:aws:states:::aws-sdk:dynamodb:getItem|putItem|updateItem|deleteItem|query` with
 * `"TableName": "${SessionsTable}"`), and `@connections` (`arn:aws:states:::apigateway:invoke` with
 * `"ApiEndpoint": "${ApiEndpoint}"`, `"Stage": "${Stage}"`, a literal `Method` and `"AuthType": "IAM_ROLE"`).
 * The state machine's role gets one statement per Task state's action and resource, nothing else.
 */
const definitionWorkflow = z
  .object({
    template: z.undefined().optional(),
    /** @example 'workflows/greet.asl.json' */
    definition: z
      .string({
        error: (issue) =>
          issue.input === undefined
            ? `required unless template names a built-in workflow (${BUILT_IN_WORKFLOWS.map((name) => JSON.stringify(name)).join(', ')}): your .asl.json or .asl.yaml file`
            : 'must be a string',
      })
      .regex(/^[\w./-]+\.asl\.(json|yaml)$/, 'must be a relative path to a .asl.json or .asl.yaml file'),
  })
  .strict();

/** A built-in shape (`template`), or your own definition file (`definition`). */
export const workflowSchema = z.discriminatedUnion('template', [...builtInWorkflows, definitionWorkflow]);

/**
 * A route that starts a Step Functions workflow through an AWS service integration.
 * EXPRESS runs synchronously (`StartSyncExecution`, reply = execution result);
 * STANDARD runs asynchronously (`StartExecution`, reply = execution ARN; the workflow can
 * answer later through `@connections`). The workflow input is the message's `data` field.
 */
export const stepFunctionsRouteSchema = z
  .object({
    integration: z.literal('stepFunctions'),
    /** @example 'EXPRESS' */
    type: z.enum(['EXPRESS', 'STANDARD']),
    workflow: workflowSchema,
    /** Send the StartSyncExecution / StartExecution response back to the client. @default true */
    reply: z.boolean().default(true),
    /** What the smoke suite sends this route and must receive back (./smoke-check.ts). */
    smoke: smokeCheckSchema.optional(),
  })
  .strict();

/** `$connect` / `$disconnect` write / delete the session record (VTL DynamoDB integrations; with subprotocols, `$connect` is a generated Lambda). */
export const sessionRouteSchema = z
  .object({
    integration: z.literal('dynamodb'),
  })
  .strict();

/**
 * Who may use a `sendToIdentity` route: connections whose REQUEST authorizer put `equals` under `contextKey` in its
 * context (every event of the connection carries it as `requestContext.authorizer`). The values are compared as the
 * strings API Gateway makes of them.
 */
export const allowWhenSchema = z
  .object({
    /** @example 'role' */
    contextKey: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be a letter or _, then letters, digits or _'),
    /** @example 'operator' */
    equals: z.string().min(1, 'must not be empty').max(256),
  })
  .strict();

/**
 * The "send to an identity" route for clients (needs `sessions.identity` and a REQUEST authorizer): the client sends
 * `{"action": <key>, "identity": "CP001", "data": <any JSON>}`; a generated Lambda looks up that identity's
 * connections, posts `data` to each through `@connections` (a string as-is, anything else as JSON), deletes records
 * whose connection is gone (410), and answers `{"identity", "delivered", "removedStale"}`. Only connections that
 * `allowWhen` names may use it (the others get `{"message": "Forbidden: …"}`): an ordinary client must never
 * address another one. Backends do not need a route: they invoke the stack's `SendToIdentityFunction` with IAM.
 */
export const sendToIdentityRouteSchema = z
  .object({
    integration: z.literal('sendToIdentity'),
    /** Required: the authorizer context that lets a connection use the route. @example { contextKey: 'role', equals: 'operator' } */
    allowWhen: allowWhenSchema,
    /** Memory in MB. @default 128 */
    memorySize: z.number().int().min(128).max(10_240).default(128),
    /** Timeout in seconds. @default 10 */
    timeout: z.number().int().min(1).max(29).default(10),
    /** Send the delivery report back to the sender. @default true */
    reply: z.boolean().default(true),
  })
  .strict();

export const messageRouteSchema = z.discriminatedUnion('integration', [
  lambdaRouteSchema,
  stepFunctionsRouteSchema,
  sendToIdentityRouteSchema,
]);
export const routeSchema = z.discriminatedUnion('integration', [
  sessionRouteSchema,
  lambdaRouteSchema,
  stepFunctionsRouteSchema,
  sendToIdentityRouteSchema,
]);

const SESSION_ROUTES = ['$connect', '$disconnect'];

/**
 * Which route keys each kind may serve: the session routes (`$connect`, `$disconnect`), any other, or both (a Lambda
 * may serve `$connect`/`$disconnect`, writing or deleting the session record with handlers/lib/sessions.ts).
 */
export const ROUTE_KIND_PLACES: { [K in RouteKind]: 'session' | 'message' | 'both' } = {
  dynamodb: 'session',
  lambda: 'both',
  stepFunctions: 'message',
  sendToIdentity: 'message',
};

const kindsFor = (place: 'session' | 'message' | 'both') =>
  Object.entries(ROUTE_KIND_PLACES)
    .filter(([, where]) => where === place)
    .map(([kind]) => `"${kind}"`);

/**
 * Route key → route. `$connect` and `$disconnect` are the session record's put and delete
 * (`dynamodb`, the default): through VTL service integrations, except `$connect` with
 * `connect.subprotocols`, which a generated Lambda serves with the same record. A `lambda` may serve
 * them instead (your handler; it writes or deletes the record with handlers/lib/sessions.ts). Every other route
 * is a Lambda, a workflow or `sendToIdentity`.
 * @default { $connect: { integration: 'dynamodb' }, $disconnect: { integration: 'dynamodb' } }
 */
export const routesSchema = z
  .record(z.string(), routeSchema)
  .superRefine((routes, ctx) => {
    for (const [key, route] of Object.entries(routes)) {
      const place = SESSION_ROUTES.includes(key) ? 'session' : 'message';
      const allowed = ROUTE_KIND_PLACES[route.integration];
      if (allowed !== place && allowed !== 'both') {
        addProblem(
          ctx,
          [key, 'integration'],
          route.integration,
          place === 'session'
            ? `${key} must use ${or([...kindsFor('session'), ...kindsFor('both')])}`
            : `only $connect and $disconnect may use ${kindsFor('session').join(' or ')}; use ${or([...kindsFor('both'), ...kindsFor('message')])}`,
        );
      }
    }
  })
  .transform(
    (routes): Record<string, Route> => ({
      $connect: { integration: 'dynamodb' as const },
      $disconnect: { integration: 'dynamodb' as const },
      ...routes,
    }),
  );

/** `a, b or c` */
function or(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

export type Route = z.output<typeof routeSchema>;
export type LambdaRoute = z.output<typeof lambdaRouteSchema>;
export type StepFunctionsRoute = z.output<typeof stepFunctionsRouteSchema>;
export type MessageRoute = z.output<typeof messageRouteSchema>;
export type Workflow = z.output<typeof workflowSchema>;
export type BuiltInWorkflow = Extract<Workflow, { template: string }>;
export type SendToIdentityRoute = z.output<typeof sendToIdentityRouteSchema>;
