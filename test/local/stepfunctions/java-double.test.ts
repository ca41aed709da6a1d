import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatJavaDouble } from '../../../local/stepfunctions/index.ts';

describe('formatJavaDouble (Java Double.toString, as Step Functions prints dates)', () => {
  it('writes epoch seconds in scientific notation with the shortest digits', () => {
    assert.equal(formatJavaDouble(1652472014.974), '1.652472014974E9');
    assert.equal(formatJavaDouble(1652716274.909), '1.652716274909E9');
    assert.equal(formatJavaDouble(1652472014), '1.652472014E9');
    assert.equal(formatJavaDouble(1.7e9), '1.7E9');
    assert.equal(formatJavaDouble(2e9), '2.0E9');
  });

  it('writes [1e-3, 1e7) in plain notation with at least one decimal', () => {
    assert.equal(formatJavaDouble(0), '0.0');
    assert.equal(formatJavaDouble(42), '42.0');
    assert.equal(formatJavaDouble(0.5), '0.5');
    assert.equal(formatJavaDouble(9999999.5), '9999999.5');
    assert.equal(formatJavaDouble(1e7), '1.0E7');
    assert.equal(formatJavaDouble(0.0001), '1.0E-4');
  });
});
