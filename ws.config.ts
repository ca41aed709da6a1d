/**
 * This app's WebSocket API. `npm run generate` turns it into template.yaml.
 * As shipped it reproduces the original AWS sample (apigw-ws-integrations) with its defects fixed:
 * $connect/$disconnect on DynamoDB, $default on a TypeScript Lambda, sync_sfn (Express, synchronous),
 * async_sfn (Standard, asynchronous with a callback), and a CloudFront edge that carries any URL path.
 * Every field and its default is documented in generator/config/.
 */
import { defineConfig } from './generator/config/index.ts';

export default defineConfig({
  stage: { name: 'api' },
  routeSelectionExpression: '$request.body.action',
  sessions: {
    partitionKey: 'connectionid',
    ttl: { attribute: 'ttl', seconds: 86_400 },
  },
  routes: {
    $connect: { integration: 'dynamodb' },
    $disconnect: { integration: 'dynamodb' },
    $default: { integration: 'lambda', handler: 'handlers/default.ts', memorySize: 128, timeout: 10 },
    sync_sfn: { integration: 'stepFunctions', type: 'EXPRESS', workflow: { template: 'wait', waitSeconds: 5 } },
    async_sfn: {
      integration: 'stepFunctions',
      type: 'STANDARD',
      workflow: {
        template: 'wait-then-notify',
        waitSeconds: 5,
        message: 'Hello from asynchronous workflow execution!',
      },
    },
  },
  edge: { enabled: true, runtime: 'cloudfront-js-2.0', pathHeader: 'ws-uri' },
  observability: { accessLogs: { enabled: true, retentionDays: 30 }, tracing: true },
});
