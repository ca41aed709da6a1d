/**
 * Going to production: a custom domain, a web ACL on the edge, alarms and a dashboard. Kept apart from
 * the rest of the schema (one concern); the rules spanning fields are in ./production-rules.ts.
 */
import { z } from 'zod';
import { freeText, utf8Bytes } from './names.ts';

/**
 * A fully qualified domain name as ACM, CloudFront and Route 53 take it: lower-case labels of letters, digits and
 * `-` (not at either end), at least two labels, at most 253 characters. No wildcard: the name is one public URL.
 */
export const DOMAIN_NAME =
  /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** `arn:aws:acm:<region>:<account>:certificate/<id>`, in any partition. */
export const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[A-Za-z0-9-]{1,128}$/;
/** A web ACL of scope CLOUDFRONT: `arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>`. */
export const CLOUDFRONT_WEB_ACL_ARN =
  /^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[A-Za-z0-9_-]{1,128}\/[a-f0-9-]{36}$/;
export const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;
/** Route 53 hosted zone ids: `Z` and upper-case letters and digits. */
export const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;
export const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

/** The region where CloudFront takes certificates and CLOUDFRONT web ACLs from (AWS: us-east-1 only). */
export const CLOUDFRONT_REGION = 'us-east-1';

const domainSchema = z
  .object({
    /** The host name clients connect to. @example 'ws.example.com' */
    name: z
      .string()
      .regex(
        DOMAIN_NAME,
        'must be a lower-case fully qualified domain name such as ws.example.com (labels of letters, digits and -, at most 253 characters, no wildcard)',
      ),
    /**
     * ARN of an ACM certificate for `name`: in us-east-1 when the domain is on the edge (CloudFront takes certificates
     * only from there), in the stack's region when it is on the API. Without it the stack creates one, validated by DNS
     * in `hostedZoneId`. @example 'arn:aws:acm:us-east-1:123456789012:certificate/0b7c...'
     */
    certificateArn: z
      .string()
      .regex(CERTIFICATE_ARN, 'must be an ACM certificate ARN: arn:aws:acm:<region>:<account>:certificate/<id>')
      .optional(),
    /**
     * Route 53 public hosted zone holding `name`: the stack adds the alias record (A) to the edge or the API, and, when
     * no `certificateArn` is given, validates the certificate it creates there. Without it, point DNS at the
     * `DomainTarget` output yourself. @example 'Z0123456789ABCDEFGHIJ'
     */
    hostedZoneId: z
      .string()
      .regex(HOSTED_ZONE_ID, 'must be a Route 53 hosted zone id: Z followed by upper-case letters and digits')
      .optional(),
  })
  .strict();

const CIDR =
  /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\/(?:3[0-2]|[12]?\d)$|^[0-9a-f:]*:[0-9a-f:]*\/(?:12[0-8]|1[01]\d|[1-9]?\d)$/;
/** WAF IP sets take CIDR ranges, IPv4 /1-/32 and IPv6 /1-/128 (AWS WAF IPSet Addresses). One list holds at most 10,000. */
const ipList = z
  .array(
    z.string().regex(CIDR, 'must be an IPv4 or IPv6 CIDR range such as 192.0.2.0/24 or 2001:db8::/32 (lower-case hex)'),
  )
  .max(10_000);

/** AWS WAF rate-based rules: "Valid settings are 60, 120, 300, and 600"; "The lowest limit setting allowed is 10". */
export const RATE_WINDOWS = [60, 120, 300, 600] as const;
export const MIN_RATE_LIMIT = 10;
export const MAX_RATE_LIMIT = 2_000_000_000;
/** Content types a WAF custom response body may have. */
export const RESPONSE_CONTENT_TYPES = ['TEXT_PLAIN', 'TEXT_HTML', 'APPLICATION_JSON'] as const;

const firewallSchema = z
  .object({
    /**
     * Attach this existing web ACL (scope CLOUDFRONT, so in us-east-1) instead of creating one: for stacks deployed
     * outside us-east-1, or an ACL shared between stacks. Excludes every other firewall field.
     */
    webAclArn: z
      .string()
      .regex(
        CLOUDFRONT_WEB_ACL_ARN,
        'must be the ARN of a CLOUDFRONT web ACL: arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>',
      )
      .optional(),
    /** Block a client IP that sends more than `limit` requests (handshakes: the edge serves nothing else) in `windowSeconds`. */
    rateLimit: z
      .object({
        /** Requests per client IP in the window. @example 100 */
        limit: z
          .number()
          .int()
          .min(MIN_RATE_LIMIT, `must be at least ${MIN_RATE_LIMIT} (AWS WAF's lowest rate limit)`)
          .max(MAX_RATE_LIMIT, `must be at most ${MAX_RATE_LIMIT}`),
        /** How far back WAF counts. @default 300 */
        windowSeconds: z
          .number()
          .refine(
            (n) => (RATE_WINDOWS as readonly number[]).includes(n),
            `must be one of ${RATE_WINDOWS.join(', ')} (AWS WAF's evaluation windows)`,
          )
          .default(300),
      })
      .strict()
      .optional(),
    /** AWS managed rule groups (vendor AWS) by name, evaluated after the IP lists and the rate rule. @default [] @example ['AWSManagedRulesAmazonIpReputationList'] */
    managedRuleGroups: z
      .array(
        z
          .string()
          .regex(
            /^AWSManagedRules[A-Za-z0-9]{1,100}$/,
            'must be the name of an AWS managed rule group, e.g. AWSManagedRulesAmazonIpReputationList',
          ),
      )
      .default([]),
    /** Client ranges always let through (the rate rule and managed groups do not apply to them). @default [] */
    allowIps: ipList.default([]),
    /** Client ranges always blocked. @default [] */
    denyIps: ipList.default([]),
    /** What a request no rule decides gets: 'BLOCK' admits only `allowIps`. @default 'ALLOW' */
    defaultAction: z.enum(['ALLOW', 'BLOCK']).default('ALLOW'),
    /** The answer to a blocked request; without it, CloudFront's own 403 page. */
    response: z
      .object({
        /** HTTP status, 200-599 (AWS WAF CustomResponse). @default 403 */
        status: z.number().int().min(200).max(599).default(403),
        /** Response body, at most 4 KB of UTF-8. */
        body: freeText
          .refine(
            (text) => utf8Bytes(text) <= 4096,
            'must be at most 4096 bytes of UTF-8 (AWS WAF custom response bodies)',
          )
          .optional(),
        /** @default 'TEXT_PLAIN' */
        contentType: z.enum(RESPONSE_CONTENT_TYPES).default('TEXT_PLAIN'),
      })
      .strict()
      .optional(),
  })
  .strict();

const threshold = (description: string, fallback: number) =>
  z.number().min(0, `must be 0 or more (${description})`).default(fallback);

const alarmsSchema = z
  .object({
    /** Notify this existing SNS topic; without it the stack creates one. */
    topicArn: z
      .string()
      .regex(SNS_TOPIC_ARN, 'must be an SNS topic ARN: arn:aws:sns:<region>:<account>:<name>')
      .optional(),
    /** Addresses subscribed to the created topic (each confirms by mail). @default [] */
    emails: z.array(z.string().regex(/^[^@\s]{1,64}@[^@\s]{1,255}$/, 'must be an email address')).default([]),
    /** Length of each alarm period. @default 300 */
    periodSeconds: z.union([z.literal(60), z.literal(300), z.literal(900), z.literal(3600)]).default(300),
    /** Alarm when fewer handshakes than this arrive in three consecutive periods (0 turns it off). @default 1 */
    minConnects: threshold('handshakes per period', 1),
    /** Percent of handshakes and messages that may fail with IntegrationError before the alarm. @default 5 */
    integrationErrorPercent: threshold('percent', 5),
    /** Percent that may fail with ExecutionError. @default 1 */
    executionErrorPercent: threshold('percent', 1),
    /** Percent that may end in ClientError (refused handshakes, bad frames). @default 20 */
    clientErrorPercent: threshold('percent', 20),
    /** Maximum integration latency in ms before the alarm: API Gateway ends an integration at 29 s. @default 25000 */
    integrationLatencyMs: z
      .number()
      .int()
      .min(1)
      .max(29_000, "must be at most 29000 (API Gateway's integration timeout)")
      .default(25_000),
    /** Lambda Errors per function and period that raise the alarm. @default 1 */
    lambdaErrors: threshold('errors per period', 1),
    /** Lambda Throttles per function and period. @default 1 */
    lambdaThrottles: threshold('throttles per period', 1),
    /** Step Functions ExecutionsFailed per state machine and period. @default 1 */
    failedExecutions: threshold('failed executions per period', 1),
    /** Throttled reads plus writes on the sessions table per period. @default 1 */
    dynamoDbThrottles: threshold('throttle events per period', 1),
  })
  .strict();

export const productionSchemas = {
  /** The region the stack is deployed to; needed where AWS ties a resource to a region (an in-stack web ACL or edge certificate: us-east-1). */
  region: z.string().regex(AWS_REGION, 'must be an AWS region such as us-east-1').optional(),
  /** A custom domain: on the edge when edge.enabled, else on the API. */
  domain: domainSchema.optional(),
  /** An AWS WAF web ACL on the edge (API Gateway WebSocket APIs cannot have one). */
  firewall: firewallSchema.optional(),
  /** CloudWatch alarms on what breaks a WebSocket backend, an SNS topic, and one dashboard. */
  alarms: alarmsSchema.optional(),
};

export type DomainConfig = z.output<typeof domainSchema>;
export type FirewallConfig = z.output<typeof firewallSchema>;
export type AlarmsConfig = z.output<typeof alarmsSchema>;
