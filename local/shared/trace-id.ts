import { createRandomText } from './random-text.ts';

/** Trace roots drawn per refill of the random pool (one per connection). */
const ROOTS_PER_REFILL = 256;

/**
 * A source of X-Ray trace headers as API Gateway adds them to the requests it passes on: `Root=1-{epoch seconds, 8
 * hex}-{96 random bits, 24 hex}` (captured `$connect` event: `Root=1-64b83950-42de8e247b4c2b43091ef67c`,
 * docs/aws-behaviour.md#apigw-connect). The random part comes from a pooled buffer (see random-text.ts): a
 * `randomBytes(12)` per connection was a measurable share of the gateway's set-up time. One source per owner.
 */
export function createTraceRootSource(): (nowMs?: number) => string {
  const draw = createRandomText(12, 'hex', ROOTS_PER_REFILL);
  return (nowMs = Date.now()) =>
    `Root=1-${Math.floor(nowMs / 1000)
      .toString(16)
      .padStart(8, '0')}-${draw()}`;
}
