import { z } from 'zod';
import { environmentSchema } from './environment.ts';
import { headerName, queryName } from './names.ts';

/** Where a REQUEST authorizer reads the caller's credentials; a missing value refuses the handshake with 401. */
export const identitySourceSchema = z.discriminatedUnion('from', [
  z
    .object({
      from: z.literal('header'),
      /**
       * Request header, matched case-insensitively. Behind the edge, `Authorization` is copied by the
       * CloudFront Function into `edge.authorizationHeader`, which the authorizer then reads.
       */
      name: headerName,
    })
    .strict(),
  z
    .object({
      from: z.literal('query'),
      /** Query-string parameter. @example 'token' */
      name: queryName,
    })
    .strict(),
]);

/** Environment variables the generator gives a REQUEST authorizer (handlers/lib/connect-request.ts reads them). */
export const GENERATED_AUTHORIZER_VARIABLES = ['PATH_HEADER', 'IDENTITY_PATH_PATTERN', 'ORIGIN_SECRET_HEADER'] as const;

/** Who may connect: checked on `$connect`, which guards the whole API (docs/aws-behaviour.md#apigw-connect). */
export const authorizationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('NONE') }).strict(),
  z
    .object({
      /** A Lambda REQUEST authorizer: it returns an IAM policy, a principal and a context stored with the session. */
      type: z.literal('REQUEST'),
      /** Handler file relative to the config file; it must export `handler`. @example 'handlers/basic-auth.ts' */
      handler: z.string().regex(/^[\w./-]+\.ts$/, 'must be a relative path to a .ts file'),
      /** @default [{ from: 'header', name: 'Authorization' }] */
      identitySources: z
        .array(identitySourceSchema)
        .min(1, 'must list at least one identity source')
        .default([{ from: 'header', name: 'Authorization' }]),
      /** Memory in MB. @default 128 */
      memorySize: z.number().int().min(128).max(10_240).default(128),
      /** Timeout in seconds (API Gateway waits 29 s at most). @default 5 */
      timeout: z.number().int().min(1).max(29).default(5),
      /**
       * Extra environment variables (Lambda's rules: see ./environment.ts). The generator adds `PATH_HEADER`,
       * `IDENTITY_PATH_PATTERN` and `ORIGIN_SECRET_HEADER` (for handlers/lib/connect-request.ts); they cannot be set here.
       * @default {}
       */
      environment: environmentSchema.default({}),
      /**
       * Keys of the authorizer's `context` copied into the session record's `authorizer` map (with
       * `principalId`, which is always stored). Every later event also carries the whole context.
       * @default [] @example ['chargePointId']
       */
      contextKeys: z
        .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be a letter or _, then letters, digits or _'))
        .max(32)
        .default([]),
    })
    .strict(),
  /** Clients sign the upgrade request with SigV4 (`execute-api:Invoke` on `…/$connect`). */
  z.object({ type: z.literal('AWS_IAM') }).strict(),
]);

/** RFC 6455 subprotocol: an HTTP token. */
const subprotocol = z
  .string()
  .regex(
    /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/,
    "must be an HTTP token (letters, digits and !#$%&'*+.^_`|~-), 1-64 characters",
  );

/** A browser origin as browsers serialize it: scheme, lower-case host, optional port, no path. */
const browserOrigin = z
  .string()
  .regex(
    /^https?:\/\/(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?::[1-9][0-9]{0,4})?$/,
    'must be a browser origin: http:// or https://, a lower-case host name, an optional :port, nothing after it (e.g. https://app.example.com)',
  );

/** Handshake options for `$connect`. */
export const connectSchema = z
  .object({
    /** Who may connect. @default { type: 'NONE' } */
    authorization: authorizationSchema.prefault({ type: 'NONE' }),
    /**
     * Accepted subprotocols, in order of preference. When set, `$connect` runs a generated Lambda
     * that picks the first protocol the client offers that is in this list, answers it in
     * `Sec-WebSocket-Protocol`, and writes the same session record as the VTL path.
     * @default [] @example ['ocpp2.0.1', 'ocpp1.6']
     */
    subprotocols: z.array(subprotocol).max(32).default([]),
    /**
     * With subprotocols: refuse (HTTP 400) a client that offers none at all. A client that offers
     * only unknown protocols is always refused. @default true
     */
    requireSubprotocol: z.boolean().default(true),
    /**
     * Origins whose pages may open a connection (browsers send `Origin` on every handshake and let any site open a
     * WebSocket to any host: cross-site WebSocket hijacking). A handshake with an `Origin` not in the list is refused
     * with 403 before anything is stored, at the edge and by `$connect`; one without `Origin` (not a browser: charge
     * points, servers) is not affected. Exact matches, no wildcards. `[]` checks nothing. @default []
     * @example ['https://app.example.com', 'http://localhost:5173']
     */
    allowedOrigins: z.array(browserOrigin).max(32).default([]),
  })
  .strict();

export type ConnectConfig = z.output<typeof connectSchema>;
export type AuthorizationConfig = z.output<typeof authorizationSchema>;
export type IdentitySource = z.output<typeof identitySourceSchema>;
