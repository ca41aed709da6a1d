import { z } from 'zod';
import { IDENTITY_PATTERN_FORM } from '../../handlers/lib/identity-path.ts';
import { attributeName, headerName, indexName, queryName } from './names.ts';

/** Where an indexed attribute's value comes from on `$connect`. */
export const attributeSource = z.discriminatedUnion('from', [
  z
    .object({
      from: z.literal('query'),
      /** Query-string parameter name: 1-64 letters, digits, `_ . ~ -`. @example 'customer' */
      name: queryName,
    })
    .strict(),
  z
    .object({
      from: z.literal('header'),
      /** Request header name, matched case-insensitively: 1-64 letters, digits, `-`. @example 'x-customer-id' */
      name: headerName,
    })
    .strict(),
  z
    .object({
      from: z.literal('pathSegment'),
      /** 0-based segment of the viewer's URL path (needs the edge). `/ocpp/CP001` → 1 is `CP001`. */
      index: z.number().int().min(0).max(20),
    })
    .strict(),
]);

export const sessionsSchema = z
  .object({
    /** Partition key attribute holding the connection ID. @default 'connectionid' */
    partitionKey: attributeName.default('connectionid'),
    ttl: z
      .object({
        /** TTL attribute (epoch seconds). @default 'ttl' */
        attribute: attributeName.default('ttl'),
        /** Seconds after `$connect` when a record expires if `$disconnect` never ran. @default 86400 @example 7200 */
        seconds: z.number().int().min(60).max(31_536_000).default(86_400),
      })
      .strict()
      .prefault({}),
    /** What is stored per connection besides the key and the TTL. */
    store: z
      .object({
        /** Viewer URL path, carried by the edge's path header. @default true (requires edge.enabled) */
        path: z.boolean().default(true),
        /** Request headers as a DynamoDB map (name → value). @default true */
        headers: z.boolean().default(true),
        /** Query-string parameters as a DynamoDB map. @default true */
        querystring: z.boolean().default(true),
        /** `$context.connectedAt`, epoch milliseconds. @default true */
        connectedAt: z.boolean().default(true),
        /** `$context.identity.sourceIp` (behind CloudFront: an edge address). @default true */
        sourceIp: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    /**
     * Global secondary indexes over an attribute taken from the handshake, to find a connection by
     * identity (customer ID, charge point ID). @default []
     * @example [{ name: 'ByCustomer', attribute: 'customerId', source: { from: 'query', name: 'customer' } }]
     */
    indexes: z
      .array(
        z
          .object({
            /** Index name: 3-255 letters, digits, `_ . -` (DynamoDB's rule). @example 'ByCustomer' */
            name: indexName,
            /** Attribute stored on the record and used as the index's partition key. */
            attribute: attributeName,
            source: attributeSource,
          })
          .strict(),
      )
      .default([]),
    /**
     * The connection's identity, named by the viewer's URL path (needs the edge). One matcher
     * (handlers/lib/identity-path.ts) decides it everywhere: the edge answers 404 to paths outside the pattern,
     * `$connect` refuses them, authorizers import it. With a REQUEST authorizer the record stores the identity the
     * authorizer verified (its context key named like the placeholder), never the path again. The placeholder names the
     * stored attribute; an index on it lets backends find "the connections of CP001" (the generated
     * `SendToIdentityFunction`, or handlers/lib/identity.ts).
     * @example { pathPattern: '/ocpp/{chargePointId}', index: 'ByChargePoint' }
     */
    identity: z
      .object({
        /**
         * Literal segments and exactly one `{attribute}` segment. The whole path must match: a trailing slash only when
         * the pattern ends with one; the identity is 1-256 characters, percent-decoded once (README, "Identity from the path").
         */
        pathPattern: z
          .string()
          .regex(
            IDENTITY_PATTERN_FORM,
            'must be /-separated literal segments (letters, digits, . _ ~ -) with exactly one {attributeName} segment, e.g. /ocpp/{chargePointId}',
          ),
        /** Name of the index on the identity attribute. @default 'ByIdentity' */
        index: indexName.default('ByIdentity'),
      })
      .strict()
      .optional(),
  })
  .strict();

export type SessionsConfig = z.output<typeof sessionsSchema>;
export type AttributeSource = z.output<typeof attributeSource>;
