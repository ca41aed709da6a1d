import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectResponseTemplate } from '../../../local/api/response-template.ts';

const backend = (statusCode: number, headers: Record<string, string> = {}) => ({ statusCode, headers, body: '{}' });

describe('selectResponseTemplate: which template of the matched integration response renders the reply', () => {
  it('selects $default without an expression, and nothing without templates (the body passes unchanged)', () => {
    assert.equal(selectResponseTemplate({ key: '$default', templates: { $default: 'D', x: 'X' } }, backend(200)), 'D');
    assert.equal(selectResponseTemplate({ key: '$default' }, backend(200)), undefined);
    assert.equal(selectResponseTemplate({ key: '$default', templates: { x: 'X' } }, backend(200)), undefined);
  });

  it('evaluates the status code, static text and the escaped \\$default', () => {
    const templates = { '200': 'ok', 'code-404': 'gone', $default: 'D', static: 'S' };
    assert.equal(
      selectResponseTemplate(
        { key: '$default', templates, templateSelectionExpression: '${integration.response.statuscode}' },
        backend(200),
      ),
      'ok',
    );
    assert.equal(
      selectResponseTemplate(
        { key: '$default', templates, templateSelectionExpression: 'code-${integration.response.statuscode}' },
        backend(404),
      ),
      'gone',
    );
    assert.equal(
      selectResponseTemplate(
        { key: '$default', templates, templateSelectionExpression: '${integration.response.statuscode}' },
        backend(500),
      ),
      'D',
    );
    assert.equal(
      selectResponseTemplate({ key: '$default', templates, templateSelectionExpression: 'static' }, backend(500)),
      'S',
    );
    assert.equal(
      selectResponseTemplate(
        { key: '$default', templates: { $default: 'D' }, templateSelectionExpression: '\\$default' },
        backend(500),
      ),
      'D',
    );
  });

  it('reads a response header case-insensitively; a missing one falls back to $default', () => {
    const templates = { 'application/json': 'J', $default: 'D' };
    const expression = '${integration.response.header.Content-Type}';
    assert.equal(
      selectResponseTemplate(
        { key: '$default', templates, templateSelectionExpression: expression },
        backend(200, { 'content-type': 'application/json' }),
      ),
      'J',
    );
    assert.equal(
      selectResponseTemplate({ key: '$default', templates, templateSelectionExpression: expression }, backend(200)),
      'D',
    );
    assert.equal(
      selectResponseTemplate(
        {
          key: '$default',
          templates,
          templateSelectionExpression: '${integration.response.multivalueheader.content-type}',
        },
        backend(200, { 'Content-Type': 'application/json' }),
      ),
      'J',
    );
  });

  it('does not look up inherited names or evaluate anything but the documented references', () => {
    const templates = { $default: 'D' };
    assert.equal(
      selectResponseTemplate({ key: '$default', templates, templateSelectionExpression: 'constructor' }, backend(200)),
      'D',
    );
    assert.equal(
      selectResponseTemplate({ key: '$default', templates, templateSelectionExpression: '__proto__' }, backend(200)),
      'D',
    );
    // An unknown reference is static text, which names no template.
    assert.equal(
      selectResponseTemplate(
        {
          key: '$default',
          templates: { ...templates, '${request.body.x}': 'R' },
          templateSelectionExpression: '${request.body.x}',
        },
        backend(200),
      ),
      'R',
    );
  });
});
