/** The local web ACL on a fake clock: rule order, IP sets of both families, the rate rule's trailing window. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createWebAclEvaluator, type LocalWebAcl } from '../../../local/edge/web-acl.ts';

const block = { kind: 'block' as const };
const response = {
  status: 429,
  headers: [] as Array<[string, string]>,
  body: { contentType: 'TEXT_PLAIN', content: 'slow down' },
};

function acl(overrides: Partial<LocalWebAcl> = {}): LocalWebAcl {
  return {
    name: 'test-Edge',
    defaultAction: { kind: 'allow' },
    notApplied: [],
    rules: [
      { kind: 'ipSet', name: 'DenyList', action: block, ranges: ['192.0.2.0/24', '2001:db8::/32'] },
      { kind: 'ipSet', name: 'AllowList', action: { kind: 'allow' }, ranges: ['198.51.100.7/32'] },
      { kind: 'rate', name: 'RateLimitPerIp', action: { kind: 'block', response }, limit: 10, windowSeconds: 60 },
    ],
    ...overrides,
  };
}

describe('local web ACL', () => {
  it('blocks a client above the limit in the window, counts each client apart, and lets it back once its rate falls', () => {
    let clock = 1_000_000;
    const waf = createWebAclEvaluator(acl(), { now: () => clock });
    for (let i = 0; i < 10; i += 1) assert.deepEqual(waf.evaluate('10.0.0.1'), { action: 'allow' });
    assert.deepEqual(waf.evaluate('10.0.0.1'), { action: 'block', rule: 'RateLimitPerIp', response });
    assert.deepEqual(waf.evaluate('10.0.0.2'), { action: 'allow' });
    clock += 30_000;
    // Blocked requests count too: still above the limit half a window later.
    assert.equal(waf.evaluate('10.0.0.1').action, 'block');
    clock += 61_000;
    assert.deepEqual(waf.evaluate('10.0.0.1'), { action: 'allow' });
  });

  it('scales the window for tests', () => {
    let clock = 0;
    const waf = createWebAclEvaluator(acl(), { now: () => clock, windowScale: 0.01 });
    for (let i = 0; i < 11; i += 1) waf.evaluate('10.0.0.1');
    assert.equal(waf.evaluate('10.0.0.1').action, 'block');
    clock += 700;
    assert.equal(waf.evaluate('10.0.0.1').action, 'allow');
    assert.throws(
      () => createWebAclEvaluator(acl(), { windowScale: 0 }),
      /windowScale: must be a positive number \(got 0\)/,
    );
  });

  it('applies the lists before the rate rule, to IPv4 (also as ::ffff:) and IPv6 addresses', () => {
    const waf = createWebAclEvaluator(acl());
    assert.deepEqual(waf.evaluate('192.0.2.55'), { action: 'block', rule: 'DenyList' });
    assert.deepEqual(waf.evaluate('::ffff:192.0.2.55'), { action: 'block', rule: 'DenyList' });
    assert.deepEqual(waf.evaluate('2001:db8:ffff::1'), { action: 'block', rule: 'DenyList' });
    assert.deepEqual(waf.evaluate('2001:db9::1'), { action: 'allow' });
    for (let i = 0; i < 50; i += 1) assert.deepEqual(waf.evaluate('198.51.100.7'), { action: 'allow' });
  });

  it('takes the default action when no rule decides; Count never decides', () => {
    const waf = createWebAclEvaluator(
      acl({
        defaultAction: block,
        rules: [
          { kind: 'ipSet', name: 'Watch', action: { kind: 'count' }, ranges: ['10.0.0.0/8'] },
          { kind: 'ipSet', name: 'Office', action: { kind: 'allow' }, ranges: ['10.1.0.0/16'] },
        ],
      }),
    );
    assert.deepEqual(waf.evaluate('10.1.2.3'), { action: 'allow' });
    assert.deepEqual(waf.evaluate('10.2.0.1'), { action: 'block', rule: 'Default_Action' });
    assert.deepEqual(waf.evaluate('not-an-ip'), { action: 'block', rule: 'Default_Action' });
  });
});
