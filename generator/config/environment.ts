/**
 * Lambda environment variables, refused here when Lambda would refuse them. Rules from the Lambda
 * Developer Guide (configuration-envvars.html) and API reference (API_Environment.html):
 * - names match `[a-zA-Z]([a-zA-Z0-9_])+`: a letter, then at least one letter, digit or `_`;
 * - names Lambda reserves for its runtime cannot be set (the list below, from that guide);
 * - "the total size of all environment variables doesn't exceed 4 KB". Counted here as the UTF-8
 *   bytes of every name and value (UNCONFIRMED whether Lambda also counts JSON punctuation), the
 *   variables the generator adds included, each at its longest possible value.
 */
import { z } from 'zod';
import { freeText, utf8Bytes } from './names.ts';
import { addProblem } from './add-problem.ts';

const RESERVED = [
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
];

/** Lambda's limit on a function's environment, in bytes. */
export const LAMBDA_ENVIRONMENT_LIMIT = 4096;

/**
 * The longest value a reference in a generated variable can take once deployed: a DynamoDB table
 * name, the longest name any reference here resolves to, has at most 255 characters.
 */
export const LONGEST_REFERENCE_VALUE = 255;

/**
 * What the generator puts in the environment of every function with a user environment: the
 * sessions table's name (`!Ref SessionsTable`). A user variable of the same name would replace it.
 */
export const GENERATED_VARIABLES: Record<string, number> = { SESSIONS_TABLE: LONGEST_REFERENCE_VALUE };

/** Bytes Lambda counts for a set of variables: names plus values. */
export function environmentBytes(variables: Record<string, string>): number {
  return Object.entries(variables).reduce((total, [name, value]) => total + utf8Bytes(name) + utf8Bytes(value), 0);
}

const GENERATED_BYTES = Object.entries(GENERATED_VARIABLES).reduce(
  (total, [name, longest]) => total + utf8Bytes(name) + longest,
  0,
);

/** What Lambda finds wrong with a variable name, one rule per entry. */
function nameProblems(name: string): string[] {
  return [
    ...(/^[A-Za-z][A-Za-z0-9_]+$/.test(name)
      ? []
      : [
          "must be an environment variable name: a letter, then at least one letter, digit or _ (Lambda's key pattern)",
        ]),
    ...(RESERVED.includes(name) ? ['is reserved by the Lambda runtime and cannot be set'] : []),
    ...(name in GENERATED_VARIABLES ? ['is set by the generator (the sessions table name)'] : []),
  ];
}

/**
 * Extra environment variables of a function. Names: a letter, then letters, digits or `_` (at
 * least two characters), not reserved by Lambda, not `SESSIONS_TABLE`. Names plus values at most
 * 4096 bytes of UTF-8, less the generator's `SESSIONS_TABLE` (counted at 269 bytes). Every broken
 * rule is reported.
 * @default {} @example { LOG_LEVEL: 'info' }
 */
export const environmentSchema = z.record(z.string(), z.string()).superRefine((variables, ctx) => {
  for (const [name, value] of Object.entries(variables)) {
    for (const message of nameProblems(name)) addProblem(ctx, [name], name, message);
    const text = freeText.safeParse(value);
    if (!text.success) addProblem(ctx, [name], value, text.error.issues[0]!.message);
  }
  const total = environmentBytes(variables) + GENERATED_BYTES;
  if (total > LAMBDA_ENVIRONMENT_LIMIT) {
    addProblem(
      ctx,
      [],
      `${total} bytes`,
      `must total at most ${LAMBDA_ENVIRONMENT_LIMIT} bytes (Lambda's 4 KB: names plus values in UTF-8, with the generated SESSIONS_TABLE counted at ${GENERATED_BYTES})`,
    );
  }
});
