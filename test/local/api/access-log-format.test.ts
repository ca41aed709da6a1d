/** A stage's AccessLogSettings.Format, filled per request: variables, missing values, hostile values. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileAccessLogFormat } from '../../../local/api/access-log-format.ts';

describe('access log format', () => {
  it('fills every $context variable, nested names included, and writes - for one without a value', () => {
    const render = compileAccessLogFormat(
      '$context.requestId $context.identity.sourceIp [$context.requestTime] "$context.routeKey" $context.status $context.error.message.',
    );
    assert.equal(
      render({
        requestId: 'abc=',
        'identity.sourceIp': '127.0.0.1',
        requestTime: '09/Apr/2026:12:34:56 +0000',
        routeKey: '$default',
        status: 200,
      }),
      'abc= 127.0.0.1 [09/Apr/2026:12:34:56 +0000] "$default" 200 -.',
    );
  });

  it("escapes a value for JSON in a JSON format, so a client's quote cannot add fields; control characters never break the line", () => {
    const json = compileAccessLogFormat('{"ua":"$context.identity.userAgent","status":"$context.status"}');
    const hostile = 'x","status":"999\n{"forged":1}';
    const line = json({ 'identity.userAgent': hostile, status: 200 });
    assert.deepEqual(JSON.parse(line), { ua: hostile, status: '200' });
    assert.equal(line.includes('\n'), false);
    const text = compileAccessLogFormat('$context.identity.userAgent end');
    assert.equal(text({ 'identity.userAgent': 'a\r\nb\u0000' }), 'a\\u000d\\u000ab\\u0000 end');
  });

  it('leaves text that only looks like a variable alone', () => {
    assert.equal(compileAccessLogFormat('$context $contexts.x cost: $5')({}), '$context $contexts.x cost: $5');
  });

  it('writes exactly what JSON.stringify escapes in a JSON format, for every kind of character, and numbers as digits', () => {
    const json = compileAccessLogFormat('{"v":"$context.value"}');
    const controls = Array.from({ length: 32 }, (_, code) => String.fromCharCode(code));
    const samples = [
      'plain-id_AbC=',
      'quote " inside',
      'back\\slash',
      ...controls.map((char) => `a${char}b`),
      'del \u007f stays',
      'lone high \ud800 surrogate',
      'lone low \udfff surrogate',
      'pair \ud83d\ude00 emoji',
      'line sep \u2028 and para \u2029',
      'é ü 漢字',
      '\\"',
      '-',
    ];
    for (const value of samples) {
      assert.equal(json({ value }), `{"v":${JSON.stringify(value)}}`, JSON.stringify(value));
      assert.deepEqual(JSON.parse(json({ value })), { v: value });
    }
    for (const value of [0, -1, 1.5, 1_765_000_000_000]) assert.equal(json({ value }), `{"v":"${value}"}`);
  });
});
