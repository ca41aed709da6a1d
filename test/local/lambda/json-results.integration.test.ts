import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureFunction, lambdaServiceForSuite } from './service-setup.ts';

/**
 * Lambda hands the handler a JSON-parsed event and serialises its result as JSON. The sandbox copies plain data
 * directly and uses JSON text for the rest (json-data.mjs): both paths must give what JSON would.
 */
describe('local Lambda: events and results cross as JSON', () => {
  const suite = lambdaServiceForSuite({
    functions: [fixtureFunction('JsonShapes', 'json-shapes.handler')],
  });

  const resultFor = async (shape: string): Promise<unknown> => {
    const outcome = await suite.service.invoke('JsonShapes', { shape });
    assert.equal(outcome.kind, 'result', JSON.stringify(outcome));
    return (outcome as { result: unknown }).result;
  };

  it('a plain result arrives as it was returned', async () => {
    assert.deepEqual(await resultFor('plain'), {
      statusCode: 200,
      body: 'hello "there"',
      nested: { list: [1, 'two', null, true] },
    });
  });

  it('a result JSON changes arrives as JSON changes it', async () => {
    assert.deepEqual(await resultFor('date'), { when: '1970-01-01T00:00:00.000Z' });
    assert.deepEqual(await resultFor('undefined-member'), { kept: 1, list: [null, null] });
    const minusZero = (await resultFor('minus-zero')) as { value: number; deep: number[] };
    assert.ok(Object.is(minusZero.value, 0) && Object.is(minusZero.deep[0], 0), 'JSON writes -0 as 0');
    assert.deepEqual(await resultFor('not-a-number'), { nan: null, infinite: null });
    assert.deepEqual(await resultFor('class-instance'), { x: 1, y: 2 });
    assert.deepEqual(await resultFor('to-json'), { replaced: true });
    assert.equal(await resultFor('nothing'), null);
  });

  it('a result JSON cannot write is the handler error JSON.stringify throws', async () => {
    for (const shape of ['bigint', 'cycle']) {
      const outcome = await suite.service.invoke('JsonShapes', { shape });
      assert.equal(outcome.kind, 'error', `${shape}: ${JSON.stringify(outcome)}`);
      assert.equal((outcome as { errorType: string }).errorType, 'TypeError', shape);
    }
  });

  it('an event that is not plain JSON data reaches the handler as JSON would carry it', async () => {
    const event = { shape: 'describe-event', when: new Date(0), dropped: undefined };
    const outcome = await suite.service.invoke('JsonShapes', event);
    assert.deepEqual(outcome, {
      kind: 'result',
      result: { keys: ['shape', 'when'], when: '1970-01-01T00:00:00.000Z', whenType: 'string', hasDropped: false },
    });
  });

  it("an event JSON cannot write fails the invocation with JSON.stringify's error", async () => {
    await assert.rejects(suite.service.invoke('JsonShapes', { shape: 'plain', big: 1n }), TypeError);
  });
});
