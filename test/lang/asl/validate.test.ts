import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aslProblems } from '../../../lang/asl/index.ts';

const waitThenSucceed = () => ({
  StartAt: 'Wait',
  States: { Wait: { Type: 'Wait', Seconds: 1, Next: 'Done' }, Done: { Type: 'Succeed' } },
});

describe('aslProblems (the one asl-validator wrapper of the checks and the local Step Functions)', () => {
  it('finds nothing in a valid definition, and leaves the definition untouched', () => {
    const definition = waitThenSucceed();
    assert.deepEqual(aslProblems(definition), []);
    assert.deepEqual(
      definition,
      waitThenSucceed(),
      'asl-validator adds QueryLanguage to its input; the caller must not see it',
    );
  });

  it('names the problem: a missing target state, a bad path', () => {
    const missingTarget = waitThenSucceed() as { States: Record<string, Record<string, unknown>> };
    missingTarget.States['Wait']!['Next'] = 'Nowhere';
    assert.ok(
      aslProblems(missingTarget).some((problem) => problem.includes('Nowhere')),
      aslProblems(missingTarget).join('\n'),
    );
    const badPath = waitThenSucceed() as { States: Record<string, Record<string, unknown>> };
    badPath.States['Wait']!['InputPath'] = 'not a path';
    assert.deepEqual(aslProblems(badPath), ['/States/Wait/InputPath is invalid. must match format "asl_path"']);
  });

  it('refuses what is not a definition at all', () => {
    assert.notDeepEqual(aslProblems({ States: {} }), []);
    assert.notDeepEqual(aslProblems('StartAt'), []);
  });
});
