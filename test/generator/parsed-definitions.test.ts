/**
 * Workflow definitions kept across runs (generator/config/parsed-definitions.ts): a second read of the same text
 * gives the same data without parsing; a problem is found on every read; an edit is parsed afresh; data JSON cannot
 * carry is never kept.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { parse } from 'yaml';
import { describe, it } from 'node:test';
import { parsedDefinition } from '../../generator/config/parsed-definitions.ts';

/** A YAML definition no other test (or earlier run) has cached: a comment makes its text unique. */
const uniqueYaml = (body: string) => `# ${randomUUID()}\n${body}`;
const PASS_YAML =
  'StartAt: Done\nStates:\n  Done:\n    Type: Pass\n    Result: { n: 1, list: [a, b] }\n    End: true\n';

function counting(result: (text: string) => Record<string, unknown> | string) {
  const calls: string[] = [];
  return {
    calls,
    parse: (text: string) => {
      calls.push(text);
      return result(text);
    },
  };
}

describe('parsed workflow definitions kept across runs', () => {
  it('parses a text once, then gives the same data from the cache', () => {
    const text = uniqueYaml(PASS_YAML);
    const parser = counting((source) => parse(source) as Record<string, unknown>);
    const first = parsedDefinition(text, 'yaml', parser.parse);
    const second = parsedDefinition(text, 'yaml', parser.parse);
    assert.deepEqual(second, first);
    assert.deepEqual(Object.keys((second as { States: object }).States), ['Done']);
    assert.equal(parser.calls.length, 1);
    assert.notEqual(second, first, 'the cached data is a copy, not the first object');
  });

  it('keeps nothing for a text with a problem: the problem is found on every read', () => {
    const text = uniqueYaml('StartAt: A\nStartAt: B\n');
    const parser = counting(() => 'is not valid YAML: Map keys must be unique');
    assert.equal(parsedDefinition(text, 'yaml', parser.parse), 'is not valid YAML: Map keys must be unique');
    assert.equal(parsedDefinition(text, 'yaml', parser.parse), 'is not valid YAML: Map keys must be unique');
    assert.equal(parser.calls.length, 2);
  });

  it('parses an edited text afresh, and keys JSON and YAML apart', () => {
    const text = uniqueYaml(PASS_YAML);
    const parser = counting((source) => parse(source) as Record<string, unknown>);
    parsedDefinition(text, 'yaml', parser.parse);
    const edited = parsedDefinition(text.replace('n: 1', 'n: 2'), 'yaml', parser.parse);
    assert.deepEqual((edited as { States: { Done: { Result: unknown } } }).States.Done.Result, {
      n: 2,
      list: ['a', 'b'],
    });
    parsedDefinition(text, 'json', parser.parse);
    assert.equal(parser.calls.length, 3);
  });

  it('never keeps data JSON would change (-0, a non-finite number)', () => {
    for (const value of [-0, Number.POSITIVE_INFINITY]) {
      const text = uniqueYaml('StartAt: A\n');
      const parser = counting(() => ({ StartAt: 'A', States: { A: { Type: 'Pass', Result: value, End: true } } }));
      parsedDefinition(text, 'yaml', parser.parse);
      const again = parsedDefinition(text, 'yaml', parser.parse);
      assert.equal(parser.calls.length, 2, `${value} was kept`);
      assert.ok(Object.is((again as { States: { A: { Result: number } } }).States.A.Result, value));
    }
  });
});
