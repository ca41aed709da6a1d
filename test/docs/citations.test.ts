/**
 * Comments and docs cite the repository's own pages (docs/architecture.md, docs/aws-behaviour.md,
 * local/FEATURES.md) by file and anchor; a citation of a file or anchor that does not exist fails
 * here, naming the file and line.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { citationProblems, headingSlug, repositoryAt } from './citations.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const repository = repositoryAt(ROOT);
/** These two files hold broken citations on purpose, as test data. */
const SELF = new Set([join('test', 'docs', 'citations.ts'), join('test', 'docs', 'citations.test.ts')]);

describe('citations', () => {
  it('every cited file and anchor in the tree exists', () => {
    const files = repository.citingFiles().filter((file) => !SELF.has(file));
    assert.ok(
      files.includes(join('docs', 'aws-behaviour.md')) && files.includes(join('local', 'api', 'connections-api.ts')),
      'the walk reaches docs and code',
    );
    const problems = files.flatMap((file) =>
      citationProblems(file, readFileSync(join(ROOT, file), 'utf8'), repository),
    );
    assert.deepEqual(problems, []);
  });

  it('names a missing file, a missing anchor, an old pointer, a bare section number and a source tag', () => {
    const text = [
      '// fine: docs/aws-behaviour.md#apigw-connect, docs/architecture.md#stack-outputs, RFC 6455 §4.2.1',
      '// a moved page (design.md), a missing doc (docs/semantics.md)',
      '/** see docs/aws-behaviour.md#apigw-no-such-section */',
      '// the semantics doc §12, then (§7.2)',
      ' * statusCode is ignored [O9]',
    ].join('\n');
    assert.deepEqual(citationProblems(join('local', 'api', 'x.ts'), text, repository), [
      'local/api/x.ts:2: design.md is not a file of the repository',
      'local/api/x.ts:2: docs/semantics.md is not a file of the repository',
      'local/api/x.ts:3: docs/aws-behaviour.md has no anchor #apigw-no-such-section',
      'local/api/x.ts:4: cites "the semantics doc", which is not in the repository; cite docs/aws-behaviour.md#<anchor>',
      'local/api/x.ts:4: a section number (§) without the document it belongs to',
      'local/api/x.ts:4: a section number (§) without the document it belongs to',
      'local/api/x.ts:5: a source tag of a document that is not in the repository; cite docs/aws-behaviour.md#<anchor>',
    ]);
  });

  it('reads links relative to the citing page and checks same-page anchors', () => {
    const text = 'See [features](../local/FEATURES.md), [folders](#folders) and [nothing](#no-such-anchor).';
    assert.deepEqual(citationProblems(join('docs', 'architecture.md'), text, repository), [
      'docs/architecture.md:1: docs/architecture.md has no anchor #no-such-anchor',
    ]);
  });

  it('makes heading anchors the way GitHub does', () => {
    assert.equal(headingSlug('1.3 `$connect`'), '13-connect');
    assert.equal(headingSlug('How to add a route kind'), 'how-to-add-a-route-kind');
  });
});
