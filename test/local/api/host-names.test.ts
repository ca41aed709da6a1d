/** Which Host an upgrade may carry: the API's own name, or a loopback name on any port; anything else gets 403. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHostCheck } from '../../../local/api/host-names.ts';

const API_HOST = 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';

describe('gateway Host check', () => {
  const answers = createHostCheck(() => API_HOST);

  it('answers for the API host (any case, :443, a final dot) and loopback names on any port', () => {
    for (const host of [
      API_HOST,
      API_HOST.toUpperCase(),
      `${API_HOST}:443`,
      `${API_HOST}.`,
      '127.0.0.1:3000',
      '127.0.0.1',
      'localhost:8080',
      'LOCALHOST',
      '[::1]:3000',
      undefined,
    ]) {
      assert.equal(answers(host), true, String(host));
    }
  });

  it("refuses a distribution's domain, another API, a longer name and look-alikes", () => {
    for (const host of [
      'd111111abcdef8.cloudfront.net',
      'other1234.execute-api.us-east-1.amazonaws.com',
      `${API_HOST}.evil.example`,
      `x${API_HOST}`,
      '127.0.0.1.evil.example',
      'localhost.evil.example',
      '127.0.0.2:3000',
      '',
      'x',
    ]) {
      assert.equal(answers(host), false, host);
    }
  });
});
