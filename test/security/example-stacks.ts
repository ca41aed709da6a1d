/**
 * The stacks the security and reliability suite runs against: the root template and every example, each with what a
 * well-behaved client of it needs (credentials, identity path, subprotocol), read from the smoke suite's helpers.
 */
import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../local/stack/index.ts';
import type { ConnectOptions } from '../../smoke/client.ts';
import { featureClient } from '../../smoke/features.ts';
import { parseStackOutputs, type StackOutputs } from '../../smoke/outputs.ts';
import { DEFAULT_SMOKE_SETTINGS, type SmokeSettings } from '../../smoke/settings.ts';
import { freshBundleDir } from '../support/generated-stack.ts';

export interface ExampleStack {
  name: string;
  templateFile: string;
  /** Whether the template has a CloudFront edge in front of the API. */
  edge: boolean;
  /** Credentials and identity of a valid client (the examples' demo values). */
  settings: SmokeSettings;
}

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

export const EXAMPLE_STACKS: readonly ExampleStack[] = [
  { name: 'template.yaml', templateFile: 'template.yaml', edge: true, settings: DEFAULT_SMOKE_SETTINGS },
  { name: 'examples/minimal', templateFile: 'examples/minimal/template.yaml', edge: false, settings: DEFAULT_SMOKE_SETTINGS },
  { name: 'examples/charge-points', templateFile: 'examples/charge-points/template.yaml', edge: true, settings: DEFAULT_SMOKE_SETTINGS },
  {
    name: 'examples/ocpp', templateFile: 'examples/ocpp/template.yaml', edge: true,
    settings: { ...DEFAULT_SMOKE_SETTINGS, authorization: basic('CP001', 'demo-password-CP001'), identity: 'CP001' },
  },
];

export interface RunningExample {
  stack: LocalStack;
  outputs: StackOutputs;
  /** Where a real client connects (the edge when the stack has one), and how. */
  client: { url: string; options: ConnectOptions };
  /** Every session record in the table, as the partition key values. */
  sessionIds(): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startExample(example: ExampleStack, options: LocalStackOptions = {}): Promise<RunningExample> {
  const stack = await startLocalStack({ templateFile: example.templateFile, bundleDir: freshBundleDir(), log: () => {}, ...options });
  const outputs = parseStackOutputs({ Distribution: stack.outputs.APIEndpoint.replace(/\/[^/]+\/?$/, ''), ...stack.outputs }, example.name);
  const edge = stack.outputs.Distribution !== undefined;
  if (edge !== example.edge) {
    await stack.stop();
    throw new Error(`${example.name}: expected ${example.edge ? 'an edge' : 'no edge'}, the stack outputs say otherwise`);
  }
  const viaEdge = featureClient(outputs, example.settings);
  // Without an edge a client connects to the stage itself (featureClient builds edge URLs: a path under the host).
  const client = edge ? viaEdge : { url: stack.outputs.APIEndpoint, options: viaEdge.options };
  const dynamodb = new DynamoDBClient({ endpoint: stack.outputs.DynamoDBEndpoint, region: stack.outputs.Region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  return {
    stack, outputs, client,
    sessionIds: () => scanKeys(dynamodb, stack.outputs.Sessions),
    stop: async () => {
      dynamodb.destroy();
      await stack.stop();
    },
  };
}

async function scanKeys(client: DynamoDBClient, table: string): Promise<string[]> {
  const ids: string[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) }));
    for (const item of page.Items ?? []) ids.push(item['connectionid']?.S ?? JSON.stringify(item));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return ids;
}
