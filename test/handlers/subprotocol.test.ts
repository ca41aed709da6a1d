import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { negotiateSubprotocol } from '../../handlers/lib/subprotocol.ts';

describe('subprotocol negotiation', () => {
  const accepted = ['ocpp2.0.1', 'ocpp1.6'];

  it("takes the client's first offer that is accepted, not the server's first preference", () => {
    assert.deepEqual(negotiateSubprotocol('ocpp1.6, ocpp2.0.1', accepted, true), { accept: true, protocol: 'ocpp1.6' });
    assert.deepEqual(negotiateSubprotocol('unknown,ocpp2.0.1', accepted, true), {
      accept: true,
      protocol: 'ocpp2.0.1',
    });
  });

  it('refuses offers of only unknown protocols, naming them', () => {
    const result = negotiateSubprotocol('mqtt, wamp', accepted, false);
    assert.equal(result.accept, false);
    assert.match(!result.accept ? result.reason : '', /offered subprotocols \(mqtt, wamp\)/);
  });

  it('treats no offer by requireSubprotocol', () => {
    assert.equal(negotiateSubprotocol(undefined, accepted, true).accept, false);
    assert.deepEqual(negotiateSubprotocol(' , ', accepted, false), { accept: true, protocol: undefined });
  });
});
