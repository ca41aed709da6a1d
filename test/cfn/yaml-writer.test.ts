/**
 * The template writer (cfn/yaml-writer.ts) against the `yaml` library it stands in for: on every template the
 * generator emits, on hostile strings in every position, and on generated documents, its output is the library's
 * byte for byte or it declines (and stringifyCloudFormation uses the library). Every generated template must be
 * covered, or `npm run generate` silently loses the speed the writer is for.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseCloudFormation,
  stringifyCloudFormation,
  stringifyCloudFormationWithLibrary,
  writeCoveredCloudFormation,
} from '../../cfn/yaml.ts';
import type { CfnTemplate } from '../../cfn/types.ts';
import { buildBootstrapTemplate, deployNeedsOf } from '../../generator/bootstrap/index.ts';
import { configFiles, loadConfigFile } from '../../generator/config/load.ts';
import { generateTemplate } from '../../generator/index.ts';
import { hostileStrings, randomDocuments } from './yaml-writer-inputs.ts';

/** The writer's text equals the library's, or the writer declined; either way the result is the library's. */
function assertSameAsLibrary(document: unknown, label: string): string | undefined {
  let expected: string;
  try {
    expected = stringifyCloudFormationWithLibrary(document);
  } catch (error) {
    // A lone surrogate: no form of it reads the same in YAML 1.1 and 1.2, and both paths refuse it alike.
    assert.throws(() => stringifyCloudFormation(document), { message: (error as Error).message }, label);
    return undefined;
  }
  const written = writeCoveredCloudFormation(document);
  if (written !== undefined) assert.equal(written, expected, label);
  assert.equal(stringifyCloudFormation(document), expected, label);
  return written;
}

describe('the template writer, against the yaml library', () => {
  it('writes every template the generator emits, byte for byte as the library does (no fallback)', async () => {
    const templates: [string, CfnTemplate][] = [];
    for (const file of configFiles(process.cwd())) {
      const loaded = await loadConfigFile(file);
      templates.push([file, generateTemplate(loaded.config, loaded)]);
    }
    templates.push(['deploy/bootstrap.yaml', buildBootstrapTemplate(deployNeedsOf(templates[0]![1], 'template.yaml'))]);
    assert.ok(templates.length >= 8, `expected every example config, got ${templates.length}`);
    for (const [name, template] of templates) {
      const written = writeCoveredCloudFormation(template);
      assert.notEqual(written, undefined, `${name}: the writer declined a generated template`);
      assert.equal(written, stringifyCloudFormationWithLibrary(template), name);
    }
  });

  it('writes hostile strings as values, keys, intrinsic arguments and block text as the library does', () => {
    let covered = 0;
    const strings = hostileStrings();
    for (const text of strings) {
      const document = {
        Value: text,
        [text === '' ? 'empty' : text]: 'as a key',
        List: [text, [text], { Inner: text }],
        Sub: { 'Fn::Sub': text },
        Ref: { Ref: text },
        GetAtt: { 'Fn::GetAtt': [text, 'Arn'] },
        Join: { 'Fn::Join': ['', [text, { Ref: 'X' }]] },
        Deep: { A: { B: [{ C: text }] } },
      };
      if (assertSameAsLibrary(document, JSON.stringify(text)) !== undefined) covered += 1;
    }
    // Most hostile strings are written by the writer itself, not left to the library.
    assert.ok(covered > strings.length * 0.7, `the writer covered ${covered} of ${strings.length}`);
  });

  it('reads back every covered hostile string as written', () => {
    for (const text of hostileStrings()) {
      const document = { Value: text, Sub: { 'Fn::Sub': text }, List: [text] };
      let written: string | undefined;
      try {
        written = writeCoveredCloudFormation(document);
      } catch {
        continue; // refused alike by both paths (checked above)
      }
      if (written === undefined) continue;
      assert.deepEqual(parseCloudFormation(written), document, JSON.stringify(text));
    }
  });

  it('matches the library on generated documents of every shape, and reads them back as written', () => {
    let covered = 0;
    const documents = randomDocuments(800, 20_261_207);
    for (const [i, document] of documents.entries()) {
      const label = `document ${i}: ${JSON.stringify(document)}`;
      const written = assertSameAsLibrary(document, label);
      if (written === undefined) continue;
      covered += 1;
      assert.deepEqual(parseCloudFormation(written), document, label);
    }
    assert.ok(covered > documents.length / 2, `the writer covered ${covered} of ${documents.length}`);
  });

  it('declines what it does not cover, and the library writes it', () => {
    const declined: Record<string, unknown> = {
      float: { Threshold: 0.5 },
      'negative zero': { N: -0 },
      'unsafe integer': { N: 2 ** 60 },
      'empty key': { '': 'x' },
      'multi-line key': { 'a\nb': 'x' },
      'long key': { ['k'.repeat(1100)]: 'x' },
      'document marker': { A: '--- x' },
      'line of spaces at the end': { A: 'a\n  ' },
      date: { A: new Date(0) },
      map: { A: new Map([['k', 'v']]) },
      'array hole': { A: new Array(3) },
      'undefined item': { A: [undefined] },
      'intrinsic root': { Ref: 'X' },
    };
    for (const [label, document] of Object.entries(declined)) {
      assert.equal(writeCoveredCloudFormation(document), undefined, label);
      assert.equal(stringifyCloudFormation(document), stringifyCloudFormationWithLibrary(document), label);
    }
  });
});
