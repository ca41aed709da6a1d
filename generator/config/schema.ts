import { z } from 'zod';
import { connectSchema } from './connect.ts';
import { edgeSchema } from './edge.ts';
import { functionsSchema } from './functions.ts';
import { observabilitySchema } from './observability.ts';
import { routesSchema } from './routes.ts';
import { sessionsSchema } from './sessions.ts';
import { crossFieldRules } from './rules.ts';
import { productionSchemas } from './production.ts';
import { productionRules } from './production-rules.ts';
import { stageName, templateDescription } from './names.ts';
import { tagsSchema } from './tags.ts';
import { tablesSchema } from './tables.ts';
import { queuesSchema } from './queues.ts';
import { declaredResourceRules } from './declared-rules.ts';

export const configSchema = z
  .object({
    /** Template description: at most 1024 bytes of UTF-8. @default 'WebSocket API with AWS service integrations (apigw-ws-integrations)' */
    description: templateDescription.default('WebSocket API with AWS service integrations (apigw-ws-integrations)'),
    stage: z
      .object({
        /** Default of the `ApiStageName` template parameter: 1-128 letters, digits, `-`, `_`. @default 'api' */
        name: stageName.default('api'),
      })
      .strict()
      .prefault({}),
    /** API route selection expression. @default '$request.body.action' */
    routeSelectionExpression: z
      .string()
      .regex(/^\$request\.body\.[A-Za-z0-9_.[\]]+$/, 'must be $request.body.<jsonpath>, e.g. $request.body.action')
      .default('$request.body.action'),
    /** Tags put on every taggable resource; AWS's tag rules (./tags.ts). @default {} @example { team: 'charging' } */
    tags: tagsSchema.default({}),
    sessions: sessionsSchema.prefault({}),
    connect: connectSchema.prefault({}),
    routes: routesSchema,
    functions: functionsSchema.default({}),
    /** DynamoDB tables of the app's own data (./tables.ts). @default {} */
    tables: tablesSchema.default({}),
    /** SQS queues, each optionally consumed by a function (./queues.ts). @default {} */
    queues: queuesSchema.default({}),
    edge: edgeSchema.prefault({}),
    observability: observabilitySchema.prefault({}),
    ...productionSchemas,
  })
  .strict()
  .superRefine(crossFieldRules)
  .superRefine(productionRules)
  .superRefine(declaredResourceRules);

/** What a config file writes: every defaulted field optional. */
export type WsConfigInput = z.input<typeof configSchema>;
/** The validated model everything else uses. */
export type WsConfig = z.output<typeof configSchema>;
