import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { problemsOf } from '../support/config-problems.ts';

const lambda = { integration: 'lambda', handler: 'handlers/default.ts' };
const withSmoke = (smoke: unknown, route: Record<string, unknown> = lambda) => ({
  routes: { chat: { ...route, smoke } },
});

describe("a route's smoke check in the config", () => {
  it('must say what someone receives', () => {
    assert.deepEqual(problemsOf(withSmoke({ send: 'hi', expect: {} })), [
      'routes.chat.smoke.expect: must name sender, others or both: what a connection receives when the route works (got {})',
    ]);
  });

  it('refuses empty or oversized texts, a send too big for the outputs, unknown fields', () => {
    const problems = problemsOf(
      withSmoke({ send: 'x'.repeat(2000), expect: { sender: '', others: 'y'.repeat(300), everyone: 'z' } }),
    );
    for (const expected of [
      'routes.chat.smoke.send: must be at most 1024 bytes as JSON',
      'routes.chat.smoke.expect.sender: must not be empty',
      'routes.chat.smoke.expect.others: must be at most 256 bytes of UTF-8',
      'routes.chat.smoke.expect.everyone: unknown field',
    ])
      assert.ok(
        problems.some((problem) => problem.startsWith(expected)),
        `${expected} in:\n${problems.join('\n')}`,
      );
  });

  it('refuses a value JSON cannot carry (the check travels in the stack outputs as JSON)', () => {
    const problems = problemsOf(withSmoke({ send: { at: new Date(0) }, expect: { sender: 'ok' } }));
    assert.ok(
      problems.some((p) => p.startsWith('routes.chat.smoke.send')),
      problems.join('\n'),
    );
  });

  it('is only for routes of user code: a DynamoDB session route refuses it', () => {
    const problems = problemsOf({
      routes: { $connect: { integration: 'dynamodb', smoke: { send: 'x', expect: { sender: 'x' } } } },
    });
    assert.ok(
      problems.some((p) => p.startsWith('routes.$connect.smoke: unknown field')),
      problems.join('\n'),
    );
  });
});
