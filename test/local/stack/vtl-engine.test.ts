import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectOptionProblems } from '../../../local/shared/options.ts';
import { VTL_ENGINE_ENV, chooseVtlEngine } from '../../../local/stack/vtl-engine.ts';

function choose(option: unknown, env: NodeJS.ProcessEnv): { mode: string; error: string | undefined } {
  const problems = collectOptionProblems('startLocalStack');
  const mode = chooseVtlEngine(option, problems, env);
  try {
    problems.throwIfAny();
    return { mode, error: undefined };
  } catch (e) {
    return { mode, error: (e as Error).message };
  }
}

describe('the local stack chooses its VTL engine', () => {
  it('compiles templates by default', () => {
    assert.deepEqual(choose(undefined, {}), { mode: 'compiled', error: undefined });
    assert.deepEqual(choose(undefined, { [VTL_ENGINE_ENV]: '' }), { mode: 'compiled', error: undefined });
  });

  it('takes the environment variable where no option is given, and the option over it', () => {
    assert.equal(choose(undefined, { [VTL_ENGINE_ENV]: 'interpreted' }).mode, 'interpreted');
    assert.equal(choose('compiled', { [VTL_ENGINE_ENV]: 'interpreted' }).mode, 'compiled');
    assert.equal(choose('interpreted', {}).mode, 'interpreted');
  });

  it('refuses a bad option or environment value, naming it and the choices', () => {
    assert.match(choose('fast', {}).error ?? '', /vtlEngine: "fast" must be 'compiled' or 'interpreted'/);
    assert.match(
      choose(undefined, { [VTL_ENGINE_ENV]: 'Compiled' }).error ?? '',
      /environment variable APIGW_WS_VTL_ENGINE: "Compiled" must be 'compiled' or 'interpreted'/,
    );
  });
});
