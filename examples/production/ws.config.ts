/**
 * Production: the sample's routes (the smoke suite runs on it) behind a custom domain, a web ACL on the edge and alarms with a dashboard.
 * Clients connect to wss://ws.example.com/<any path>. The stack is deployed to us-east-1 (`region`), where
 * CloudFront takes its certificate and where AWS WAF creates CLOUDFRONT web ACLs; from another region, give
 * domain.certificateArn (a us-east-1 certificate) and firewall.webAclArn instead. The hosted zone id and the
 * addresses below are placeholders (documentation ranges, RFC 5737 and RFC 3849): put yours.
 */
import { defineConfig } from '../../generator/config/index.ts';

export default defineConfig({
  description:
    'WebSocket API in production: custom domain, web ACL with a rate limit per client IP, alarms and a dashboard',
  stage: { name: 'live' },
  tags: { application: 'websocket-production' },
  region: 'us-east-1',
  // The sample's routes written out, not imported from ../../ws.config.ts: an example is read and copied on its own,
  // and its workflows wait 1 s (not 5 s) to keep the smoke suite short.
  routes: {
    $connect: { integration: 'dynamodb' },
    $disconnect: { integration: 'dynamodb' },
    $default: { integration: 'lambda', handler: '../../handlers/default.ts', memorySize: 128, timeout: 10 },
    sync_sfn: { integration: 'stepFunctions', type: 'EXPRESS', workflow: { template: 'wait', waitSeconds: 1 } },
    async_sfn: {
      integration: 'stepFunctions',
      type: 'STANDARD',
      workflow: {
        template: 'wait-then-notify',
        waitSeconds: 1,
        message: 'Hello from asynchronous workflow execution!',
      },
    },
  },
  domain: { name: 'ws.example.com', hostedZoneId: 'Z0123456789EXAMPLE' },
  firewall: {
    rateLimit: { limit: 100, windowSeconds: 300 },
    managedRuleGroups: ['AWSManagedRulesAmazonIpReputationList'],
    denyIps: ['192.0.2.0/24', '2001:db8::/32'],
    response: { status: 429, body: 'Too many connection attempts from your address; retry later.\n' },
  },
  alarms: {
    emails: ['oncall@example.com'],
    minConnects: 1,
    integrationLatencyMs: 25_000,
  },
});
