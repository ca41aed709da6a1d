import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../scripts/cli.ts';
import { START, parseStartOptions } from '../../scripts/start-options.ts';

describe('npm start --required-parameters', () => {
  it("defaults to enforce (the stack's default, so nothing is passed on)", () => {
    assert.equal(parseStartOptions([]).stack.requiredRouteParameters, undefined);
    assert.equal(parseStartOptions(['--required-parameters', 'enforce']).stack.requiredRouteParameters, undefined);
  });

  it('passes ignore on, for an API where AWS turns out not to enforce them (UNCONFIRMED)', () => {
    assert.equal(parseStartOptions(['--required-parameters', 'ignore']).stack.requiredRouteParameters, 'ignore');
  });

  it('refuses another value, naming the flag, the value and the choices', () => {
    assert.throws(
      () => parseStartOptions(['--required-parameters', 'off']),
      (e: unknown) =>
        e instanceof UsageError && e.message.includes('--required-parameters: must be enforce or ignore (got "off")'),
    );
  });

  it('is listed in the usage', () => {
    assert.match(START.usage, /--required-parameters enforce\|ignore/);
  });
});
