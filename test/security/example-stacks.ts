/**
 * The stacks the security and reliability suite runs against: the root template and every example, each with what a
 * well-behaved client of it needs (credentials, identity path, subprotocol), read from the smoke suite's helpers.
 */
import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  startLocalStack,
  type LocalOutputs,
  type LocalStack,
  type LocalStackOptions,
} from '../../local/stack/index.ts';
import type { ConnectOptions } from '../../smoke/client.ts';
import { featureClient } from '../../smoke/features.ts';
import { parseStackOutputs, type StackOutputs } from '../../smoke/outputs.ts';
import { DEFAULT_SMOKE_SETTINGS, type SmokeSettings } from '../../smoke/settings.ts';
import { freshBundleDir } from '../support/generated-stack.ts';

export interface ExampleStack {
  name: string;
  /** The config `npm start -- --config` takes, and the template generated from it. */
  configFile: string;
  templateFile: string;
  /** Whether the template has a CloudFront edge in front of the API. */
  edge: boolean;
  /** Credentials and identity of a valid client (the examples' demo values). */
  settings: SmokeSettings;
  /**
   * With an edge: what a client that skips it gets on APIEndpoint, without the edge's secret header and with a wrong
   * one. A VTL `$connect` refuses with a failed integration (500 locally; AWS's status is UNCONFIRMED); an authorizer
   * has the header as an identity source (401 without it) and denies a wrong one (403).
   */
  directRefusal?: { withoutSecret: number; wrongSecret: number };
}

const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

export const EXAMPLE_STACKS: readonly ExampleStack[] = [
  {
    name: 'template.yaml',
    configFile: 'ws.config.ts',
    templateFile: 'template.yaml',
    edge: true,
    settings: DEFAULT_SMOKE_SETTINGS,
    directRefusal: { withoutSecret: 500, wrongSecret: 500 },
  },
  {
    name: 'examples/minimal',
    configFile: 'examples/minimal/ws.config.ts',
    templateFile: 'examples/minimal/template.yaml',
    edge: false,
    settings: DEFAULT_SMOKE_SETTINGS,
  },
  {
    name: 'examples/charge-points',
    configFile: 'examples/charge-points/ws.config.ts',
    templateFile: 'examples/charge-points/template.yaml',
    edge: true,
    settings: DEFAULT_SMOKE_SETTINGS,
    directRefusal: { withoutSecret: 500, wrongSecret: 500 },
  },
  {
    name: 'examples/ocpp',
    configFile: 'examples/ocpp/ws.config.ts',
    templateFile: 'examples/ocpp/template.yaml',
    edge: true,
    settings: { ...DEFAULT_SMOKE_SETTINGS, authorization: basic('CP001', 'demo-password-CP001'), identity: 'CP001' },
    directRefusal: { withoutSecret: 401, wrongSecret: 403 },
  },
];

export const basicAuthorization = basic;

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
  const stack = await startLocalStack({
    templateFile: example.templateFile,
    bundleDir: freshBundleDir(),
    log: () => {},
    ...options,
  });
  if ((stack.outputs.Distribution !== undefined) !== example.edge) {
    await stack.stop();
    throw new Error(
      `${example.name}: expected ${example.edge ? 'an edge' : 'no edge'}, the stack outputs say otherwise`,
    );
  }
  const sessions = openSessions(stack.outputs);
  return {
    stack,
    outputs: stackOutputs(example, stack.outputs),
    client: exampleClient(example, stack.outputs),
    sessionIds: sessions.ids,
    stop: async () => {
      sessions.close();
      await stack.stop();
    },
  };
}

/** Where a real client of `example` connects (the edge when there is one, else the stage), and how. */
export function exampleClient(example: ExampleStack, outputs: LocalOutputs): { url: string; options: ConnectOptions } {
  const viaEdge = featureClient(stackOutputs(example, outputs), example.settings);
  return example.edge ? viaEdge : { url: outputs.APIEndpoint, options: viaEdge.options };
}

/** The session records of a stack, by partition key value. */
export function openSessions(outputs: LocalOutputs): { ids(): Promise<string[]>; close(): void } {
  const dynamodb = new DynamoDBClient({
    endpoint: outputs.DynamoDBEndpoint,
    region: outputs.Region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return { ids: () => scanKeys(dynamodb, outputs.Sessions!), close: () => dynamodb.destroy() };
}

/** The smoke suite's view of the outputs; a stack without an edge gets its host as `Distribution` (the contract's shape). */
function stackOutputs(example: ExampleStack, outputs: LocalOutputs): StackOutputs {
  return parseStackOutputs({ Distribution: outputs.APIEndpoint.replace(/\/[^/]+\/?$/, ''), ...outputs }, example.name);
}

async function scanKeys(client: DynamoDBClient, table: string): Promise<string[]> {
  const ids: string[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: table, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) }),
    );
    for (const item of page.Items ?? []) ids.push(item['connectionid']?.S ?? JSON.stringify(item));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return ids;
}
