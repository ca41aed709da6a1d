import { randomBytes } from 'node:crypto';

/**
 * An X-Ray trace header as API Gateway adds it to the requests it passes on: `Root=1-{epoch seconds, 8 hex}-{96
 * random bits, 24 hex}` (captured `$connect` event: `Root=1-64b83950-42de8e247b4c2b43091ef67c`,
 * docs/aws-behaviour.md#apigw-connect).
 */
export function traceRootHeader(nowMs: number = Date.now()): string {
  return `Root=1-${Math.floor(nowMs / 1000)
    .toString(16)
    .padStart(8, '0')}-${randomBytes(12).toString('hex')}`;
}
