import { z } from 'zod';
import { headerName } from './names.ts';

/** The CloudFront distribution in front of the API that carries any URL path to it. */
export const edgeSchema = z
  .object({
    /** Create the distribution, its origin request policy and the CloudFront Function. @default true */
    enabled: z.boolean().default(true),
    /** CloudFront Functions runtime. @default 'cloudfront-js-2.0' */
    runtime: z.enum(['cloudfront-js-1.0', 'cloudfront-js-2.0']).default('cloudfront-js-2.0'),
    /** Header (lower-case) that carries the viewer's URL path to the API. @default 'ws-uri' */
    pathHeader: headerName.transform((name) => name.toLowerCase()).default('ws-uri'),
    /**
     * Header (lower-case) the CloudFront Function copies the viewer's `Authorization` into, for a
     * REQUEST authorizer that reads `Authorization` (CloudFront cannot forward it to the origin).
     * @default 'ws-authorization'
     */
    authorizationHeader: headerName.transform((name) => name.toLowerCase()).default('ws-authorization'),
    /**
     * Extra viewer headers forwarded to the API (the WebSocket handshake headers are always forwarded).
     * `Authorization` cannot be forwarded by an origin request policy. @default [] @example ['User-Agent']
     */
    forwardHeaders: z.array(headerName).default([]),
    /**
     * Let clients connect to the API stage (`APIEndpoint`) without the edge. Off by default: CloudFront sends the
     * secret origin header `x-origin-verify` (the NoEcho parameter `OriginSecret`) and `$connect` refuses every
     * connection without it, so what the edge enforces (the path pattern, origins, the path header itself) cannot be
     * skipped by connecting to the `execute-api` URL directly. Turn on only for clients that cannot use the edge, and
     * only with an authorizer that does not trust the path header. @default false
     */
    allowDirectAccess: z.boolean().default(false),
    /** CloudFront price class. @default 'PriceClass_100' */
    priceClass: z.enum(['PriceClass_100', 'PriceClass_200', 'PriceClass_All']).default('PriceClass_100'),
  })
  .strict();

export type EdgeConfig = z.output<typeof edgeSchema>;

/** The origin custom header CloudFront adds for the API (its value: the OriginSecret parameter). */
export const ORIGIN_SECRET_HEADER = 'x-origin-verify';

/** Headers CloudFront refuses in an origin request policy, or that must never be forwarded to API Gateway. */
export const UNFORWARDABLE_HEADERS = [
  'authorization',
  'host',
  'connection',
  'upgrade',
  'content-length',
  'transfer-encoding',
  'via',
];
