/** CloudFront origin custom headers in the local edge: added to every origin request, replacing a viewer's header of that name. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  applyOriginCustomHeaders,
  originCustomHeaderProblems,
  originCustomHeaders,
} from '../../../local/edge/origin-custom-headers.ts';

describe('origin custom headers', () => {
  it('are added, and replace any header of the same name in any case (a viewer cannot supply or duplicate one)', () => {
    const headers: Record<string, string | string[]> = {
      'X-Origin-Verify': 'forged',
      'x-origin-verify': ['a', 'b'],
      'Ws-Uri': '/x',
    };
    applyOriginCustomHeaders(
      headers,
      originCustomHeaders([{ HeaderName: 'x-origin-verify', HeaderValue: 'the-secret' }]),
    );
    assert.deepEqual(headers, { 'Ws-Uri': '/x', 'x-origin-verify': 'the-secret' });
  });

  it('refuse, by field, what CloudFront refuses to add and what is not a header', () => {
    assert.deepEqual(
      originCustomHeaderProblems(
        [
          { HeaderName: 'x-origin-verify', HeaderValue: 'ok' },
          { HeaderName: 'Host', HeaderValue: 'x' },
          { HeaderName: 'X-Amz-Date', HeaderValue: 'x' },
          { HeaderName: 'x-edge-thing', HeaderValue: 'x' },
          { HeaderName: 'bad name', HeaderValue: 'x' },
          { HeaderName: 'x-a', HeaderValue: 'line\nbreak' },
          { HeaderName: 'x-b' },
        ],
        'OriginCustomHeaders',
      ),
      [
        'OriginCustomHeaders[1].HeaderName: CloudFront cannot add "Host" to origin requests',
        'OriginCustomHeaders[2].HeaderName: CloudFront cannot add "X-Amz-Date" to origin requests',
        'OriginCustomHeaders[3].HeaderName: CloudFront cannot add "x-edge-thing" to origin requests',
        'OriginCustomHeaders[4].HeaderName: must be an HTTP header name (got "bad name")',
        'OriginCustomHeaders[5].HeaderValue: must be text without control characters',
        'OriginCustomHeaders[6].HeaderValue: must be text without control characters',
      ],
    );
    assert.deepEqual(originCustomHeaderProblems({ HeaderName: 'x' }, 'f'), [
      'f: must be a list of {HeaderName, HeaderValue} (got {"HeaderName":"x"})',
    ]);
    assert.deepEqual(originCustomHeaderProblems(undefined, 'f'), []);
  });
});
