/**
 * Own workflows. Two routes start Step Functions workflows written as ASL files, calling functions that serve
 * no route (`functions`):
 * - `greet` (STANDARD, asynchronous): reads the caller's session record (DynamoDB GetItem), has `compose` write a
 *   greeting (Lambda), counts it on the record (DynamoDB UpdateItem), and answers through `@connections`. The
 *   client gets the execution ARN at once, then `{"greeting": …, "count": n}`.
 * - `shout` (EXPRESS, synchronous): the message's data goes to `upper` (a function ARN as the Task resource);
 *   the client gets the StartSyncExecution response with the function's result as `output`.
 * Each state machine's role holds exactly what its Task states call; nothing else.
 */
import { defineConfig } from '../../generator/config/index.ts';

export default defineConfig({
  description: 'Own workflows: Lambda and DynamoDB Tasks answering through @connections',
  stage: { name: 'flows' },
  sessions: { ttl: { seconds: 3600 }, store: { path: false } },
  functions: {
    compose: { handler: 'handlers/compose.ts' },
    upper: { handler: 'handlers/upper.ts', memorySize: 256 },
  },
  routes: {
    greet: {
      integration: 'stepFunctions',
      type: 'STANDARD',
      workflow: { definition: 'workflows/greet.asl.json' },
      smoke: { send: { name: 'run {{run}}' }, expect: { sender: 'Hello, run {{run}}!' } },
    },
    shout: {
      integration: 'stepFunctions',
      type: 'EXPRESS',
      workflow: { definition: 'workflows/shout.asl.yaml' },
      smoke: { send: { text: 'quiet please {{run}}' }, expect: { sender: 'QUIET PLEASE SMOKE-' } },
    },
  },
  edge: { enabled: false },
  observability: { accessLogs: { enabled: false }, tracing: false },
});
