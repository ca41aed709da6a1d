import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAwsStyleId, newConnectionId, newRequestId } from '../../../local/events/index.ts';
import { formatRequestTime } from '../../../local/shared/request-time.ts';
import { readCapturedEvent } from './captured.ts';

const captured = (['connect-event', 'message-event', 'disconnect-event'] as const).map(readCapturedEvent);

describe('AWS-style IDs', () => {
  it('recognises every ID in the captured events', () => {
    const ids = captured.flatMap((event) => {
      const rc = event.requestContext;
      return [rc.connectionId, rc.requestId, rc.extendedRequestId, rc.messageId].filter((id) => id !== undefined);
    });
    assert.ok(ids.length >= 7);
    for (const id of ids) assert.ok(isAwsStyleId(id), id);
  });

  it('generates IDs of the captured shape, all different', () => {
    const generated = Array.from({ length: 500 }, (_, i) => (i % 2 === 0 ? newRequestId() : newConnectionId()));
    for (const id of generated) {
      assert.equal(id.length, 16);
      assert.ok(id.endsWith('='), id);
      assert.ok(isAwsStyleId(id), id);
    }
    assert.equal(new Set(generated).size, generated.length);
  });
});

describe('requestTime', () => {
  it('formats each captured requestTimeEpoch as its captured requestTime', () => {
    for (const event of captured) {
      const rc = event.requestContext;
      assert.equal(formatRequestTime(rc.requestTimeEpoch), rc.requestTime);
    }
  });

  it('pads single-digit days and times', () => {
    assert.equal(formatRequestTime(Date.UTC(2025, 0, 2, 3, 4, 5, 999)), '02/Jan/2025:03:04:05 +0000');
  });
});
