import type { VtlRequest } from '../../../lang/vtl/index.ts';

/** A MESSAGE-event request; each test overrides what it is about. */
export function makeRequest(overrides: Partial<VtlRequest> = {}): VtlRequest {
  return {
    body: '',
    context: {
      connectionId: 'VNRUSeldSwMCIRQ=',
      eventType: 'MESSAGE',
      routeKey: '$default',
      requestTimeEpoch: 1700000000123,
      connectedAt: 1699999990000,
      identity: { sourceIp: '203.0.113.7' },
    },
    params: { path: {}, querystring: {}, header: {} },
    stageVariables: {},
    ...overrides,
  };
}
