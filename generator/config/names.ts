/**
 * Names and free text the config passes to AWS, each refused here when AWS would refuse it, with
 * the rule AWS documents (cited per schema). Where the project is stricter than AWS (header names
 * without `_`, attribute names of identifier characters), it is so that the name can enter VTL,
 * JSON and JavaScript text without escaping; the message says what is allowed.
 */
import { z } from 'zod';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Bytes of a string in UTF-8: what CloudFormation and Lambda count. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Characters as AWS counts them ("Unicode characters"): code points, not UTF-16 units. */
export function codePoints(text: string): number {
  return [...text].length;
}

/**
 * Free text AWS stores as given. A lone UTF-16 surrogate cannot be encoded in UTF-8, so no AWS
 * API (nor the template file) can carry it. Every other character is written so that YAML 1.1
 * and 1.2 read it the same (cfn/yaml-string.ts).
 */
export const freeText = z
  .string()
  .refine(
    (text) => !LONE_SURROGATE.test(text),
    'must be valid Unicode text (it holds a lone UTF-16 surrogate, which UTF-8 cannot encode)',
  );

/**
 * A template's `Description`: "a literal string that is between 0 and 1024 bytes in length"
 * (CloudFormation User Guide, template-description-structure.html).
 */
export const templateDescription = freeText.refine(
  (text) => utf8Bytes(text) <= 1024,
  "must be at most 1024 bytes of UTF-8 (CloudFormation's limit for a template description)",
);

/**
 * API Gateway stage: "Stage names can contain only alphanumeric characters, hyphens, and
 * underscores, or be $default. Maximum length is 128 characters" (API Gateway V2 API reference,
 * apis-apiid-stages-stagename.html). `$default` serves HTTP APIs only.
 */
export const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;
export const stageName = z
  .string()
  .regex(STAGE_NAME, 'must be 1-128 letters, digits, - or _ (API Gateway stage names)');

/** An HTTP header name (an RFC 9110 token), limited to letters, digits and `-` so it enters VTL literals as-is. */
export const headerName = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an HTTP header name: 1-64 letters, digits and -');

/** A query-string parameter name, limited to unreserved URL characters (RFC 3986) so it needs no encoding. */
export const queryName = z
  .string()
  .regex(/^[A-Za-z0-9_.~-]{1,64}$/, 'must be a query-string parameter name: 1-64 letters, digits, _ . ~ -');

/**
 * DynamoDB: "Table names and index names must be between 3 and 255 characters long, and can
 * contain only a-z A-Z 0-9 _ - ." (DynamoDB Developer Guide, HowItWorks.NamingRulesDataTypes.html).
 */
export const indexName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be 3-255 characters of letters, digits, _ . - (DynamoDB index names)');

/**
 * DynamoDB allows index key attribute names of 1-255 characters (same page); these also become
 * VTL variables, JSON keys and JavaScript property names, hence identifier characters.
 */
export const attributeName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
    'must be a DynamoDB attribute name: a letter or _, then letters, digits or _ (max 64)',
  );
