/**
 * Minimal: no edge, no workflows. Clients connect straight to the API endpoint; $connect and
 * $disconnect keep the session record, $default echoes through a Lambda.
 */
import { defineConfig } from '../../generator/config/index.ts';

export default defineConfig({
  description: 'Minimal WebSocket API: DynamoDB sessions and a $default Lambda',
  stage: { name: 'prod' },
  sessions: {
    ttl: { seconds: 7200 },
    store: { path: false, sourceIp: false },
  },
  routes: {
    $default: { integration: 'lambda', handler: '../../handlers/default.ts' },
  },
  edge: { enabled: false },
  observability: { accessLogs: { enabled: false }, tracing: false },
});
