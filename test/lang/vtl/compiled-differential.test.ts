import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONSTRUCTS } from './construct-corpus.ts';
import { renderBoth, repositoryTemplates, unsupportedConstruct } from './differential.ts';
import { requestCorpus } from './request-corpus.ts';

/**
 * The compiled VTL path against velocityjs (the reference), byte for byte, errors included: every mapping
 * template in the repository's templates (goldens, examples, fixtures) over a corpus of requests (the checks'
 * hostile strings, awkward bodies), and templates made of random sequences of constructs (so that the state one
 * construct leaves, such as a loop scope or a #break, meets the next).
 */
describe('compiled VTL equals velocityjs', () => {
  const templates = repositoryTemplates();
  const requests = requestCorpus();

  it('finds the mapping templates of the repository', () => {
    assert.ok(templates.length >= 20, `only ${templates.length} templates found`);
  });

  for (const { where, text } of templates) {
    it(where, () => {
      assert.equal(unsupportedConstruct(text), undefined, 'every template the generator emits must compile');
      for (const request of requests) {
        const both = renderBoth(text, request);
        assert.deepEqual(both.compiled, both.interpreted, `body ${JSON.stringify(request.body)}`);
        assert.deepEqual(both.handedOver, []);
      }
    });
  }

  it('on random sequences of constructs', () => {
    const pieces = CONSTRUCTS.filter((c) => c.path === 'compiled').map((c) => c.template);
    let seed = 20;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const sample = [requests[6], requests[11], requests[16]].filter((r) => r !== undefined);
    for (let round = 0; round < 300; round += 1) {
      const count = 2 + (next() % 4);
      const template = Array.from({ length: count }, () => pieces[next() % pieces.length]).join('\n');
      for (const request of sample) {
        const both = renderBoth(template, request, round % 2 === 0 ? 'empty' : 'literal');
        assert.deepEqual(both.compiled, both.interpreted, template);
      }
    }
  });
});
