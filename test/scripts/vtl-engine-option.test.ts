import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../scripts/cli.ts';
import { START, parseStartOptions } from '../../scripts/start-options.ts';

describe('npm start --vtl-engine', () => {
  it('defaults to the compiled templates (the stack default, so nothing is passed on)', () => {
    assert.equal(parseStartOptions([]).stack.vtlEngine, undefined);
    assert.equal(parseStartOptions(['--vtl-engine', 'compiled']).stack.vtlEngine, undefined);
  });

  it('passes interpreted on, to rule the compiled path out', () => {
    assert.equal(parseStartOptions(['--vtl-engine', 'interpreted']).stack.vtlEngine, 'interpreted');
  });

  it('refuses another value, naming the flag, the value and the choices', () => {
    assert.throws(
      () => parseStartOptions(['--vtl-engine', 'fast']),
      (e: unknown) =>
        e instanceof UsageError && e.message.includes('--vtl-engine: must be compiled or interpreted (got "fast")'),
    );
  });

  it('is listed in the usage', () => {
    assert.match(START.usage, /--vtl-engine compiled\|interpreted/);
  });
});
