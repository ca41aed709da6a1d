/**
 * OCPP-J charge point gateway. A charge point connects to wss://<edge>/ocpp/<chargePointId>
 * offering `ocpp2.0.1` and/or `ocpp1.6`, with HTTP Basic auth (user = its identity):
 * - `$connect` negotiates the subprotocol (a generated Lambda: only a Lambda can answer it) and
 *   stores the session with the identity from the path, indexed;
 * - a REQUEST authorizer checks that the handshake came through the edge, that the path names a charge point (the
 *   shared matcher, handlers/lib/connect-request.ts) and that the credentials are that charge point's; the session
 *   stores the identity it verified; the edge carries `Authorization` to it;
 * - `$default` is a minimal CSMS (handlers/csms.ts) answering BootNotification, Heartbeat, …;
 * - the CSMS's backends send to a charge point by its identity through the stack's `SendToIdentityFunction`
 *   (invoked with IAM). There is no route for it: in OCPP the central system commands charge points, never
 *   another charge point.
 * The passwords below are demo values (demo-password-CP001, demo-password-CP002); keep real ones
 * out of the config (Secrets Manager, a table).
 */
import { defineConfig } from '../../generator/config/index.ts';

export default defineConfig({
  description: 'OCPP-J charge point gateway: subprotocols, Basic auth, identity from the URL path',
  stage: { name: 'ocpp' },
  tags: { application: 'ocpp' },
  sessions: {
    identity: { pathPattern: '/ocpp/{chargePointId}', index: 'ByChargePoint' },
  },
  connect: {
    subprotocols: ['ocpp2.0.1', 'ocpp1.6'],
    authorization: {
      type: 'REQUEST',
      handler: 'handlers/basic-auth.ts',
      identitySources: [{ from: 'header', name: 'Authorization' }],
      contextKeys: ['chargePointId'],
      environment: {
        CHARGE_POINT_PASSWORD_SHA256: JSON.stringify({
          CP001: '0c1d28c007085bb8b4fbc59cf7e5e2962f7f8ad7bfee5ed60aa5d4d12683f9b7',
          CP002: 'ac631ab005dd6670c3d7a6ffe19e7df0adcb06eb8c3a626fa1012b1269b49d7b',
        }),
      },
    },
  },
  routes: {
    $default: { integration: 'lambda', handler: 'handlers/csms.ts', memorySize: 256, timeout: 10 },
  },
  edge: { enabled: true, runtime: 'cloudfront-js-2.0', pathHeader: 'ws-uri' },
  observability: { accessLogs: { enabled: true, retentionDays: 90, accountRole: false }, tracing: true },
});
