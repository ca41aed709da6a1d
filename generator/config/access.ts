/**
 * What a function of the config may touch (`access` on a `lambda` route and on each of `functions`), in the config's
 * own terms. The generator turns it into one IAM statement per action and resource and the environment the handler
 * needs (generator/visitors/function-access.ts); nothing is granted that is not written here.
 */
import { z } from 'zod';
import { wildcardReason } from '../../checks/iam-resource.ts';
import { freeText } from './names.ts';
import { TABLE_ACCESS } from './tables.ts';
import { QUEUE_ACCESS } from './queues.ts';
import { addProblem } from './add-problem.ts';

/** Grants per declared name (`tables`, `queues`): each a non-empty list of that kind's access words, none twice. */
function grantsByName<Access extends string>(access: Record<Access, unknown>, words: string, kind: string) {
  return z
    .record(
      z.string(),
      z
        .array(z.enum(Object.keys(access) as [Access, ...Access[]]))
        .min(1, `must list ${words} (leave the ${kind} out for no access)`)
        .refine(noRepeats, 'must not list an access twice'),
    )
    .default({});
}

/** The sessions table: `read` is GetItem, Query (the table and each of its indexes) and Scan; `write` is PutItem, UpdateItem and DeleteItem. */
export const SESSIONS_ACCESS = {
  read: ['GetItem', 'Query', 'Scan'],
  write: ['PutItem', 'UpdateItem', 'DeleteItem'],
} as const;
export type SessionsAccess = keyof typeof SESSIONS_ACCESS;

/** `@connections` methods: post a message (PostToConnection), get a connection's facts (GetConnection), close it (DeleteConnection). */
export const CONNECTIONS_ACCESS = { post: 'POST', get: 'GET', delete: 'DELETE' } as const;
export type ConnectionsAccess = keyof typeof CONNECTIONS_ACCESS;

/** An IAM action, named whole: `service:Action`. Wildcards (`s3:Get*`, `*`) grant more than anyone reviewed. */
const IAM_ACTION = /^[a-z0-9-]{2,64}:[A-Za-z0-9]{1,128}$/;

/** The only `${...}` a resource may hold: what CloudFormation resolves in any template (the stack's partition, region, account, URL suffix). */
export const RESOURCE_PSEUDO_PARAMETERS = ['AWS::Partition', 'AWS::Region', 'AWS::AccountId', 'AWS::URLSuffix'];

const resourceText = freeText
  .refine((text) => text === '*' || text.startsWith('arn:'), 'must be an ARN (arn:…) or *')
  .refine(
    (text) =>
      [...text.matchAll(/\$\{([^}]*)\}/g)].every((match) => RESOURCE_PSEUDO_PARAMETERS.includes(match[1]!)) &&
      !/\$\{(?![^}]*\})/.test(text),
    `may hold only the placeholders ${RESOURCE_PSEUDO_PARAMETERS.map((name) => `\${${name}}`).join(', ')}`,
  );

/**
 * The escape hatch: an IAM statement written out, for what the config does not name (a queue, a bucket, a secret).
 * Each action and each resource becomes its own statement. A resource with a wildcard the template checks flag
 * (checks/iam-resource.ts: `*`, or `*` in an ARN's account, region, type or name) needs a `reason`, which the
 * template carries as a reviewed acceptance (`Metadata.checks.accept`); a reason on a statement without such a
 * wildcard is refused, so an acceptance cannot outlive its wildcard.
 * @example { actions: ['sqs:SendMessage'], resources: ['arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:orders'] }
 */
export const accessStatementSchema = z
  .object({
    /** IAM actions, each `service:Action` without wildcards. @example ['sqs:SendMessage'] */
    actions: z
      .array(
        z
          .string()
          .regex(
            IAM_ACTION,
            'must be one IAM action, service:Action, without * or ? (least privilege: name each action)',
          ),
      )
      .min(1, 'must list at least one action'),
    /** ARNs (`${AWS::Partition}`, `${AWS::Region}`, `${AWS::AccountId}`, `${AWS::URLSuffix}` allowed), or `*` with a reason. */
    resources: z.array(resourceText).min(1, 'must list at least one resource'),
    /** Why a wildcard resource is needed (required with one, refused without). @example 'SES identities are created outside this stack' */
    reason: freeText.min(1, 'must not be empty').max(512).optional(),
  })
  .strict()
  .superRefine((statement, ctx) => {
    const wildcards = statement.resources
      .map((resource) => wildcardReason(resource))
      .filter((reason) => reason !== undefined);
    if (wildcards.length > 0 && statement.reason === undefined) {
      addProblem(
        ctx,
        ['reason'],
        statement.resources,
        `is required: a resource is a wildcard (${wildcards[0]}); scope it to one resource, or say why it cannot be`,
      );
    }
    if (wildcards.length === 0 && statement.reason !== undefined) {
      addProblem(
        ctx,
        ['reason'],
        statement.reason,
        'only a statement with a wildcard resource takes a reason; remove it',
      );
    }
  });

const noRepeats = <T extends string>(values: T[]) => new Set(values).size === values.length;

/**
 * What the function may touch. With `sessions` it gets the table's name and key (`SESSIONS_TABLE`, `PARTITION_KEY`);
 * with `connections`, the stage's `@connections` endpoint (`CONNECTIONS_ENDPOINT`). handlers/lib/connections.ts reads
 * them. @default {} (nothing: the function can read its event and answer)
 * @example { sessions: ['read', 'write'], connections: ['post'] }
 */
export const accessSchema = z
  .object({
    /** The sessions table. @default [] */
    sessions: z
      .array(z.enum(Object.keys(SESSIONS_ACCESS) as [SessionsAccess, ...SessionsAccess[]]))
      .refine(noRepeats, 'must not list an access twice')
      .default([]),
    /** The stage's `@connections` API. @default [] */
    connections: z
      .array(z.enum(Object.keys(CONNECTIONS_ACCESS) as [ConnectionsAccess, ...ConnectionsAccess[]]))
      .refine(noRepeats, 'must not list a method twice')
      .default([]),
    /**
     * Tables declared in `tables`, by name: `read` and/or `write` (./tables.ts), with the name in `<NAME>_TABLE`.
     * @default {} @example { messages: ['read', 'write'] }
     */
    tables: grantsByName(TABLE_ACCESS, 'read and/or write', 'table'),
    /**
     * Queues declared in `queues`, by name: `send` and/or `receive` (./queues.ts), with the URL in `<NAME>_QUEUE_URL`.
     * @default {} @example { notifications: ['send'] }
     */
    queues: grantsByName(QUEUE_ACCESS, 'send and/or receive', 'queue'),
    /** Explicit IAM statements (the escape hatch). @default [] */
    statements: z.array(accessStatementSchema).default([]),
  })
  .strict();

export type AccessConfig = z.output<typeof accessSchema>;
export type AccessStatement = z.output<typeof accessStatementSchema>;

/** The variables `access` makes the generator set, by what grants them; a user variable must not take their names. */
export const ACCESS_VARIABLES = { sessions: ['PARTITION_KEY'], connections: ['CONNECTIONS_ENDPOINT'] } as const;

/** Variables a Lambda `$connect` / `$disconnect` gets for the session record (handlers/lib/sessions.ts). */
export const SESSION_ROUTE_VARIABLES = ['SESSION_RECORD', 'ORIGIN_SECRETS'] as const;
