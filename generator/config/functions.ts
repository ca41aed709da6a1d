import { z } from 'zod';
import { accessSchema } from './access.ts';
import { environmentSchema } from './environment.ts';

/**
 * What every TypeScript Lambda function of the config is made of (a `lambda` route's function, and each
 * of `functions`): its handler file, bundled by esbuild, and its size, time and environment.
 */
export const functionFields = {
  /** Handler file relative to the config file; it must export `handler`. @example 'handlers/default.ts' */
  handler: z.string().regex(/^[\w./-]+\.ts$/, 'must be a relative path to a .ts file'),
  /** Memory in MB. @default 128 */
  memorySize: z.number().int().min(128).max(10_240).default(128),
  /** Timeout in seconds (API Gateway waits 29 s at most for a route's function). @default 10 */
  timeout: z.number().int().min(1).max(900).default(10),
  /** Extra environment variables (Lambda's rules: see ./environment.ts). @default {} @example { LOG_LEVEL: 'info' } */
  environment: environmentSchema.default({}),
  /** What the function may touch (./access.ts): the sessions table, `@connections`, explicit IAM statements. @default {} */
  access: accessSchema.prefault({}),
};

/**
 * A function name: it names the function's `${Function_<name>}` placeholder in workflow definitions and its
 * resource (`<Name>Function`: `compose` → `ComposeFunction`). Starting with a lower-case letter keeps two names
 * from giving one resource (`compose`/`Compose`).
 */
export const FUNCTION_NAME = /^[a-z][A-Za-z0-9]{0,63}$/;

/**
 * Lambda functions that serve no route, for workflows to call: a Task state invokes one as
 * `"FunctionName": "${Function_<name>}"` (`arn:aws:states:::lambda:invoke`) or `"Resource": "${Function_<name>}"`,
 * and the state machine's role may invoke exactly the functions its Task states name.
 * @default {} @example { compose: { handler: 'handlers/compose.ts', timeout: 30 } }
 */
export const functionsSchema = z.record(
  z
    .string()
    .regex(
      FUNCTION_NAME,
      'must be 1-64 letters and digits starting with a lower-case letter (it names ${Function_<name>} and the <Name>Function resource)',
    ),
  z.object(functionFields).strict(),
);

export type FunctionConfig = z.output<z.ZodObject<typeof functionFields>>;
