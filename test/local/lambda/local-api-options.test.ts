/** The Lambda service's `localApi` option: where the API's host names lead inside the sandboxes, checked up front. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateLambdaOptions } from '../../../local/lambda/validate-options.ts';
import type { LocalApiReach } from '../../../local/lambda/types.ts';

const CERTIFICATE = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const check = (localApi: unknown) => () =>
  validateLambdaOptions({ bundleDir: '/tmp/bundles', functions: [], localApi: localApi as LocalApiReach });

describe('Lambda service: localApi option', () => {
  it('accepts the API host names, a port and a PEM certificate', () => {
    assert.doesNotThrow(
      check({ certificatePem: CERTIFICATE, hostNames: ['a1b2c3d4e5.execute-api.us-east-1.amazonaws.com'], port: 4430 }),
    );
  });

  it('names each bad field, its value and the rule', () => {
    assert.throws(
      check({
        certificatePem: 'not a certificate',
        hostNames: ['ok.example', 'bad host', '*.example', '-dash.example', `${'a'.repeat(64)}.example`],
        port: 0,
      }),
      {
        message: [
          'createLambdaService: invalid options:',
          '  localApi.certificatePem: "not a certificate" must be a PEM certificate',
          '  localApi.port: 0 must be a port from 1 to 65535',
          '  localApi.hostNames[1]: "bad host" must be a DNS host name (letters, digits, hyphens and dots)',
          '  localApi.hostNames[2]: "*.example" must be a DNS host name (letters, digits, hyphens and dots)',
          '  localApi.hostNames[3]: "-dash.example" must be a DNS host name (letters, digits, hyphens and dots)',
          `  localApi.hostNames[4]: "${'a'.repeat(64)}.example" must be a DNS host name (letters, digits, hyphens and dots)`,
        ].join('\n'),
      },
    );
    assert.throws(
      check({ certificatePem: CERTIFICATE, hostNames: 'x.example', port: 1 }),
      /localApi\.hostNames: "x\.example" must be a list of host names/,
    );
  });
});
