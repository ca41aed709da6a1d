import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createVtlEngine } from '../../../lang/vtl/index.ts';
import { makeRequest } from './request.ts';

/** The AWS-documented idiom for putting a value into a JSON string. */
const ESCAPE = (ref: string) => `$util.escapeJavaScript(${ref}).replaceAll("\\\\'","'")`;

const HOSTILE: string[] = [
  'double "quotes"',
  "single 'quotes'",
  "back\\slash and \\' and trailing \\",
  'new\nline, cr\r\n, tab\t',
  'control \u0001\u001f and del \u007f',
  'separators \u2028\u2029',
  'non-ASCII héllo wörld ß 中文',
  'emoji 😀👍🏽',
  '</script><script>alert(1)</script>',
  '{"looks":"like json"}',
  'VTL chars $x ${y} #set($z = 1) ##',
  '',
];

describe('JSON built by templates', () => {
  for (const value of HOSTILE) {
    it(`round-trips ${JSON.stringify(value)} through escapeJavaScript + replaceAll`, () => {
      const template = `{"value": "${ESCAPE("$input.path('$.value')")}"}`;
      const request = makeRequest({ body: JSON.stringify({ value }) });

      const out = createVtlEngine().render(template, request);

      assert.deepEqual(JSON.parse(out), { value });
    });
  }

  it('produces the exact escaped text for a quote and a backslash-quote', () => {
    const request = makeRequest({ body: JSON.stringify({ value: "a'b\\'c" }) });

    const out = createVtlEngine().render(`"${ESCAPE("$input.path('$.value')")}"`, request);

    assert.equal(out, `"a'b\\\\'c"`);
  });

  it('renders a DynamoDB PutItem body with headers as a map that round-trips', () => {
    const header: Record<string, string> = {
      Host: 'abc.execute-api.eu-west-1.amazonaws.com',
      'X-Quote"Name': 'va"lue',
      "X-Apos'Name": "it's",
      'X-Back\\slash': 'C:\\dir\\',
      'X-Unicode': 'héllo 😀 \u2028',
      'X-Control': 'a\tb\u0001',
      'X-Script': '</script>',
    };
    const template = [
      '#set($headers = $input.params().get("header"))',
      '#set($ttl = $context.requestTimeEpoch / 1000 + 86400)',
      '{',
      '  "TableName": "Sessions",',
      '  "Item": {',
      '    "connectionId": {"S": "$context.connectionId"},',
      '    "ttl": {"N": "$ttl"},',
      '    "headers": {"M": {',
      '#foreach($name in $headers.keySet())',
      `      "${ESCAPE('$name')}": {"S": "${ESCAPE('$headers.get($name)')}"}#if($foreach.hasNext),#end`,
      '#end',
      '    }}',
      '  }',
      '}',
    ].join('\n');
    const request = makeRequest({ params: { path: {}, querystring: {}, header } });

    const out = createVtlEngine().render(template, request);

    const expectedHeaders = Object.fromEntries(Object.entries(header).map(([k, v]) => [k, { S: v }]));
    assert.deepEqual(JSON.parse(out), {
      TableName: 'Sessions',
      Item: { connectionId: { S: 'VNRUSeldSwMCIRQ=' }, ttl: { N: '1700086400' }, headers: { M: expectedHeaders } },
    });
  });
});
