/**
 * The stack-outputs contract (docs/architecture.md#stack-outputs): the only thing the smoke suite knows about a stack.
 * Outputs come from a file (`.local/outputs.json` from `npm start`) or from CloudFormation.
 */
import { readFileSync } from 'node:fs';
import { SMOKE_ROUTE_KINDS, SMOKE_WORKFLOWS, type SmokeRoute } from '../shared/smoke-routes.ts';

export interface StackOutputs {
  /** `wss://{api}.execute-api.{region}.amazonaws.com/{stage}` or `ws://127.0.0.1:{port}/{stage}` */
  APIEndpoint: string;
  /** `wss://{id}.cloudfront.net` or `ws://127.0.0.1:{port}`; absent on a stack without an edge. */
  Distribution?: string;
  /** `https://…/{stage}` or `http://127.0.0.1:{port}/{stage}` */
  ConnectionsEndpoint: string;
  /** The sessions table's name. */
  Sessions: string;
  Region: string;
  /** Local stacks only; absent on AWS (the SDK's default endpoint is used). */
  DynamoDBEndpoint?: string;
  /** Connect features the stack declares (generator/visitors/outputs.ts); each adds its smoke steps. */
  Subprotocols?: string[];
  Authorization?: 'REQUEST' | 'AWS_IAM';
  IdentityPathPattern?: string;
  SendToIdentityRoute?: string;
  /** The function backends invoke to send to an identity. */
  SendToIdentityFunction?: string;
  /** With an edge: whether clients may connect to APIEndpoint without it. */
  DirectAccess?: 'refused' | 'allowed';
  /** Browser origins allowed to connect. */
  AllowedOrigins?: string[];
  /** The custom domain's URL (`wss://ws.example.com`), when the stack has one: clients are configured with it. */
  PublicURL?: string;
  /** What the smoke steps are derived from (generator/visitors/smoke-outputs.ts); the suite refuses a stack without them. */
  SmokeRoutes?: SmokeRoute[];
  SessionTtlSeconds?: number;
  /** `$request.body.action`: the suite names a route in that field of its JSON messages. */
  RouteSelectionExpression?: string;
  StoredFields?: string[];
}

/** The outputs the suite derives its steps from: a stack without one of them is refused, the key named. */
export const SMOKE_PLAN_KEYS = [
  'SmokeRoutes',
  'RouteSelectionExpression',
  'SessionTtlSeconds',
  'StoredFields',
] as const;

/**
 * Where the suite's clients reach the edge: the custom domain when the stack has one (what charge points and apps are
 * configured with), else the distribution's own URL.
 */
export function edgeUrl(outputs: StackOutputs): string {
  return outputs.PublicURL ?? outputs.Distribution ?? outputs.APIEndpoint;
}

const FEATURE_RULES: Record<string, { rule: RegExp; text: string }> = {
  Subprotocols: { rule: /^[^,\s]+(,[^,\s]+)*$/, text: 'must be a comma-separated list of subprotocols' },
  Authorization: { rule: /^(REQUEST|AWS_IAM)$/, text: 'must be REQUEST or AWS_IAM' },
  IdentityPathPattern: {
    rule: /^(\/[^/{}]+)*\/\{[A-Za-z_]\w*\}(\/[^/{}]+)*\/?$/,
    text: 'must be a path with one {attribute} segment',
  },
  SendToIdentityRoute: { rule: /^[^$\s]\S*$/, text: 'must be a route key' },
  SendToIdentityFunction: { rule: /^[A-Za-z0-9_-]{1,64}$/, text: 'must be a Lambda function name' },
  DirectAccess: { rule: /^(refused|allowed)$/, text: 'must be refused or allowed' },
  RouteSelectionExpression: {
    rule: /^\$request\.body\.[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/,
    text: 'must be $request.body.<field>[.<field>…] (the suite builds messages with dotted fields only)',
  },
  PublicURL: {
    rule: /^wss?:\/\/[^/\s]+(\/[^/\s]+)?\/?$/,
    text: 'must be ws(s)://host (or ws(s)://host/stage locally)',
  },
  AllowedOrigins: {
    rule: /^https?:\/\/[^,\s]+(,https?:\/\/[^,\s]+)*$/,
    text: 'must be a comma-separated list of http(s) origins',
  },
};

const REQUIRED = ['APIEndpoint', 'ConnectionsEndpoint', 'Sessions', 'Region'] as const;
const URL_RULES: Record<string, RegExp> = {
  APIEndpoint: /^wss?:\/\/[^/]+\/[^/]+\/?$/,
  Distribution: /^wss?:\/\/[^/]+\/?$/,
  ConnectionsEndpoint: /^https?:\/\/[^/]+\/[^/]+\/?$/,
  DynamoDBEndpoint: /^https?:\/\/[^/]+\/?$/,
};
const URL_RULE_TEXT: Record<string, string> = {
  APIEndpoint: 'must be ws(s)://host/stage',
  Distribution: 'must be ws(s)://host',
  ConnectionsEndpoint: 'must be http(s)://host/stage',
  DynamoDBEndpoint: 'must be http(s)://host',
};

/** Checks a key → value record against the contract; every problem is named in one error. */
export function parseStackOutputs(record: unknown, source: string): StackOutputs {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new Error(
      `${source}: stack outputs must be an object of OutputKey → OutputValue (got ${JSON.stringify(record)})`,
    );
  }
  const values = serializedForm(record as Record<string, unknown>);
  const problems: string[] = [];
  for (const key of REQUIRED) {
    if (values[key] === undefined)
      problems.push(`${key}: missing (the stack must output it; see the stack-outputs contract)`);
  }
  for (const key of [...REQUIRED, 'Distribution', 'DynamoDBEndpoint']) {
    const value = values[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value === '')
      problems.push(`${key}: must be a non-empty string (got ${JSON.stringify(value)})`);
    else if (URL_RULES[key] && !URL_RULES[key].test(value))
      problems.push(`${key}: ${URL_RULE_TEXT[key]} (got ${JSON.stringify(value)})`);
  }
  for (const [key, { rule, text }] of Object.entries(FEATURE_RULES)) {
    const value = values[key];
    if (value !== undefined && (typeof value !== 'string' || !rule.test(value)))
      problems.push(`${key}: ${text} (got ${JSON.stringify(value)})`);
  }
  const routes = parseSmokeRoutes(values['SmokeRoutes'], problems);
  const ttl = values['SessionTtlSeconds'];
  if (ttl !== undefined && (typeof ttl !== 'string' || !/^[1-9]\d{0,9}$/.test(ttl)))
    problems.push(`SessionTtlSeconds: must be a positive whole number of seconds (got ${JSON.stringify(ttl)})`);
  const stored = values['StoredFields'];
  if (stored !== undefined && (typeof stored !== 'string' || !/^(none|[A-Za-z]+(,[A-Za-z]+)*)$/.test(stored)))
    problems.push(
      `StoredFields: must be "none" or a comma-separated list of field names (got ${JSON.stringify(stored)})`,
    );
  if (problems.length > 0) throw new Error(`${source}: invalid stack outputs:\n  ${problems.join('\n  ')}`);
  const outputs: StackOutputs = {
    APIEndpoint: values['APIEndpoint'] as string,
    ConnectionsEndpoint: values['ConnectionsEndpoint'] as string,
    Sessions: values['Sessions'] as string,
    Region: values['Region'] as string,
  };
  if (typeof values['Distribution'] === 'string') outputs.Distribution = values['Distribution'];
  if (routes !== undefined) outputs.SmokeRoutes = routes;
  if (typeof ttl === 'string') outputs.SessionTtlSeconds = Number(ttl);
  if (typeof stored === 'string') outputs.StoredFields = stored === 'none' ? [] : stored.split(',');
  if (typeof values['DynamoDBEndpoint'] === 'string') outputs.DynamoDBEndpoint = values['DynamoDBEndpoint'];
  if (typeof values['Subprotocols'] === 'string') outputs.Subprotocols = values['Subprotocols'].split(',');
  if (typeof values['Authorization'] === 'string')
    outputs.Authorization = values['Authorization'] as 'REQUEST' | 'AWS_IAM';
  if (typeof values['IdentityPathPattern'] === 'string') outputs.IdentityPathPattern = values['IdentityPathPattern'];
  if (typeof values['SendToIdentityRoute'] === 'string') outputs.SendToIdentityRoute = values['SendToIdentityRoute'];
  if (typeof values['SendToIdentityFunction'] === 'string')
    outputs.SendToIdentityFunction = values['SendToIdentityFunction'];
  if (typeof values['DirectAccess'] === 'string')
    outputs.DirectAccess = values['DirectAccess'] as 'refused' | 'allowed';
  if (typeof values['AllowedOrigins'] === 'string') outputs.AllowedOrigins = values['AllowedOrigins'].split(',');
  if (typeof values['RouteSelectionExpression'] === 'string')
    outputs.RouteSelectionExpression = values['RouteSelectionExpression'];
  if (typeof values['PublicURL'] === 'string') outputs.PublicURL = values['PublicURL'];
  return outputs;
}

const ROUTE_KINDS = new Set<string>(SMOKE_ROUTE_KINDS);
const WORKFLOWS = new Set<string>(SMOKE_WORKFLOWS);

/** SmokeRoutes: a JSON array of {key, kind, reply, workflow?, notify?}; each bad entry is a named problem. */
function parseSmokeRoutes(value: unknown, problems: string[]): SmokeRoute[] | undefined {
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = typeof value === 'string' ? JSON.parse(value) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed)) {
    problems.push(`SmokeRoutes: must be a JSON array of routes (got ${JSON.stringify(value)?.slice(0, 200)})`);
    return undefined;
  }
  const routes: SmokeRoute[] = [];
  parsed.forEach((entry: unknown, index) => {
    const route = entry as Partial<SmokeRoute> | null;
    const fine =
      typeof route === 'object' &&
      route !== null &&
      typeof route.key === 'string' &&
      route.key !== '' &&
      typeof route.kind === 'string' &&
      ROUTE_KINDS.has(route.kind) &&
      typeof route.reply === 'boolean' &&
      (route.workflow === undefined || WORKFLOWS.has(route.workflow)) &&
      (route.notify === undefined || typeof route.notify === 'string');
    if (fine) routes.push(route as SmokeRoute);
    else
      problems.push(
        `SmokeRoutes[${index}]: must be {key, kind (${[...ROUTE_KINDS].join('|')}), reply (boolean), workflow?, notify?} (got ${JSON.stringify(entry)?.slice(0, 200)})`,
      );
  });
  return routes;
}

/**
 * Outputs parsed once already (scripts/smoke.ts hands the parsed outputs to the suite's process as JSON) back in
 * their OutputValue form, so parsing is idempotent.
 */
function serializedForm(values: Record<string, unknown>): Record<string, unknown> {
  const form = { ...values };
  const routes = form['SmokeRoutes'];
  if (Array.isArray(routes)) form['SmokeRoutes'] = JSON.stringify(routes);
  if (typeof form['SessionTtlSeconds'] === 'number') form['SessionTtlSeconds'] = String(form['SessionTtlSeconds']);
  const stored = form['StoredFields'];
  if (Array.isArray(stored)) form['StoredFields'] = stored.length === 0 ? 'none' : stored.join(',');
  for (const key of ['Subprotocols', 'AllowedOrigins']) {
    const list = form[key];
    if (Array.isArray(list)) form[key] = list.join(',');
  }
  return form;
}

/** Why the suite cannot derive its steps from these outputs: one problem per missing key, each named. */
export function missingSmokePlan(outputs: StackOutputs): string[] {
  return SMOKE_PLAN_KEYS.filter((key) => outputs[key] === undefined).map(
    (key) =>
      `${key}: missing from the stack outputs (the smoke steps are derived from it; regenerate the template with \`npm run generate\`)`,
  );
}

/** A JSON message for `routeKey`: the route key at the selection expression's field, `data` beside it. */
export function routeMessage(outputs: StackOutputs, routeKey: string, data: unknown): string {
  const fields = (outputs.RouteSelectionExpression ?? '$request.body.action')
    .replace(/^\$request\.body\./, '')
    .split('.');
  const message: Record<string, unknown> = { data };
  let level = message;
  fields.forEach((field, index) => {
    if (index === fields.length - 1) level[field] = routeKey;
    else {
      const inner: Record<string, unknown> = {};
      level[field] = inner;
      level = inner;
    }
  });
  return JSON.stringify(message);
}

/** Reads a JSON outputs file such as `.local/outputs.json`. */
export function readOutputsFile(file: string): StackOutputs {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `${file}: cannot read the outputs file (${(error as NodeJS.ErrnoException).code ?? String(error)}); start the local stack with \`npm start\` or pass --stack-name`,
    );
  }
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not JSON (${(error as Error).message})`);
  }
  return parseStackOutputs(record, file);
}
