/**
 * OCPP-style charge points: each connects to wss://<edge>/ocpp/<chargePointId>. The edge carries the
 * path; the charge point ID (path segment 1) is stored on the session record and indexed, so the
 * backend can find "the connection of CP001". Messages are OCPP-J arrays, so they all reach $default.
 */
import { defineConfig } from '../../generator/config/index.ts';

export default defineConfig({
  description: 'OCPP-style charge point gateway: identity from the URL path, indexed sessions',
  stage: { name: 'ocpp' },
  tags: { application: 'charge-points' },
  sessions: {
    ttl: { seconds: 86_400 },
    indexes: [{ name: 'ByChargePoint', attribute: 'chargePointId', source: { from: 'pathSegment', index: 1 } }],
  },
  routes: {
    $default: { integration: 'lambda', handler: '../../handlers/default.ts', memorySize: 256, timeout: 20 },
  },
  edge: { enabled: true, runtime: 'cloudfront-js-2.0', pathHeader: 'ws-uri', forwardHeaders: ['User-Agent'] },
  observability: { accessLogs: { enabled: true, retentionDays: 90, accountRole: false }, tracing: true },
});
