import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSelectionExpressionCache } from '../../../lang/selection/index.ts';
import { selectRequestTemplate } from '../../../lang/vtl/index.ts';

const templates = { $default: 'DEFAULT', join: 'JOIN', '1': 'ONE', 'kind:a': 'KIND_A' };

describe('selectRequestTemplate', () => {
  it('treats the CloudFormation-escaped \\$default as the static key $default', () => {
    assert.equal(selectRequestTemplate(templates, '\\$default', '{"action":"join"}'), 'DEFAULT');
  });

  it('treats $default as a static key', () => {
    assert.equal(selectRequestTemplate(templates, '$default', '{"action":"join"}'), 'DEFAULT');
  });

  it('selects by ${request.body.action} when the value matches a key', () => {
    assert.equal(selectRequestTemplate(templates, '${request.body.action}', '{"action":"join"}'), 'JOIN');
  });

  it('falls back to $default when the body value matches no key', () => {
    assert.equal(selectRequestTemplate(templates, '${request.body.action}', '{"action":"leave"}'), 'DEFAULT');
  });

  it('falls back to $default when the body is not JSON', () => {
    assert.equal(selectRequestTemplate(templates, '${request.body.action}', 'action=join'), 'DEFAULT');
  });

  it('falls back to $default when the path is missing', () => {
    assert.equal(selectRequestTemplate(templates, '${request.body.action}', '{"other":"join"}'), 'DEFAULT');
  });

  it('evaluates nested paths and surrounding static text', () => {
    assert.equal(selectRequestTemplate(templates, 'kind:${request.body.meta.kind}', '{"meta":{"kind":"a"}}'), 'KIND_A');
  });

  it('selects by the JSON text of a non-string value', () => {
    assert.equal(selectRequestTemplate(templates, '${request.body.v}', '{"v":1}'), 'ONE');
  });

  it('keeps the key when a part is missing (printed ""), as route selection does', () => {
    assert.equal(
      selectRequestTemplate({ ...templates, 'kind:': 'NO_KIND' }, 'kind:${request.body.meta.kind}', '{"meta":{}}'),
      'NO_KIND',
    );
  });

  it('prints an array Java-style, as route selection does', () => {
    assert.equal(
      selectRequestTemplate({ ...templates, '[a, b]': 'LIST' }, '${request.body.action}', '{"action":["a","b"]}'),
      'LIST',
    );
  });

  it('uses a static expression as the key', () => {
    assert.equal(selectRequestTemplate(templates, 'join', ''), 'JOIN');
  });

  it('uses $default when there is no selection expression', () => {
    assert.equal(selectRequestTemplate(templates, undefined, '{"action":"join"}'), 'DEFAULT');
  });

  it('returns undefined when nothing matches and there is no $default template', () => {
    assert.equal(selectRequestTemplate({ join: 'JOIN' }, '${request.body.action}', '{"action":"leave"}'), undefined);
  });

  it('returns undefined when there are no templates', () => {
    assert.equal(selectRequestTemplate({}, '\\$default', ''), undefined);
  });

  it('selects the same with a cached compiler as without, compiling each expression once', () => {
    const cache = createSelectionExpressionCache();
    const compiled: string[] = [];
    const counting = (expression: string) => {
      compiled.push(expression);
      return cache(expression);
    };
    const cases: [string | undefined, string][] = [
      ['\\$default', '{"action":"join"}'],
      ['${request.body.action}', '{"action":"join"}'],
      ['${request.body.action}', '{"action":"leave"}'],
      ['${request.body.action}', 'action=join'],
      ['kind:${request.body.meta.kind}', '{"meta":{"kind":"a"}}'],
      ['${request.body.v}', '{"v":1}'],
      ['join', ''],
      [undefined, '{"action":"join"}'],
    ];
    for (let round = 0; round < 2; round += 1) {
      for (const [expression, body] of cases) {
        assert.equal(
          selectRequestTemplate(templates, expression, body, counting),
          selectRequestTemplate(templates, expression, body),
          `${String(expression)} on ${body}`,
        );
      }
    }
    assert.equal(cache('${request.body.action}'), cache('${request.body.action}'), 'one compiled expression per text');
    assert.notEqual(cache('${request.body.action}'), cache('${request.body.kind}'));
    assert.equal(compiled.length, 14, 'the compiler is asked on every selection; the cache answers repeats');
  });
});
