import { createHash } from 'node:crypto';

/**
 * Every logical ID in a generated template comes from here, so names are deterministic and
 * never collide: PascalCase of the route key, plus a short content hash when the key has
 * characters CloudFormation refuses or two keys would share a name.
 */
export const LOGICAL_IDS = {
  api: 'WebSocketApi',
  stage: 'Stage',
  stageParameter: 'ApiStageName',
  sessionsTable: 'SessionsTable',
  accessLogGroup: 'AccessLogGroup',
  apiGatewayAccount: 'ApiGatewayAccount',
  apiGatewayAccountRole: 'ApiGatewayCloudWatchRole',
  originRequestPolicy: 'WebSocketOriginRequestPolicy',
  uriRewriteFunction: 'UriRewriteFunction',
  distribution: 'CloudFrontDistribution',
  authorizer: 'ConnectAuthorizer',
  authorizerFunction: 'ConnectAuthorizerFunction',
  authorizerPermission: 'ConnectAuthorizerPermission',
  originSecretParameter: 'OriginSecret',
  previousOriginSecretParameter: 'OriginSecretPrevious',
  sendToIdentityFunction: 'SendToIdentityFunction',
  // Production (issue 21): domain, web ACL, alarms.
  certificate: 'DomainCertificate',
  apiDomainName: 'ApiDomainName',
  apiMapping: 'ApiDomainMapping',
  domainRecord: 'DomainAliasRecord',
  webAcl: 'EdgeWebAcl',
  allowIpv4Set: 'AllowIpv4Set',
  allowIpv6Set: 'AllowIpv6Set',
  denyIpv4Set: 'DenyIpv4Set',
  denyIpv6Set: 'DenyIpv6Set',
  alarmTopic: 'AlarmTopic',
  dashboard: 'Dashboard',
} as const;

/** The one dashboard's name: the stack's name and a fixed suffix (the deploy role is scoped to it). */
export const dashboardName = (stackName: string): string => `${stackName}-WebSocket`;

const SPECIAL_ROUTES: Record<string, string> = { $connect: 'Connect', $disconnect: 'Disconnect', $default: 'Default' };

export function shortHash(text: string, length = 8): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

function pascalCase(key: string): string {
  return key
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

/** Base names for a set of route keys: `sync_sfn` → `SyncSfn`, `chat.send` → `ChatSend3fa1c2`. */
export function routeBaseNames(keys: readonly string[]): Map<string, string> {
  const candidates = new Map(
    keys.map((key) => {
      const special = SPECIAL_ROUTES[key];
      if (special) return [key, special] as const;
      const plain = /^[A-Za-z0-9]+([_-][A-Za-z0-9]+)*$/.test(key) && /^[A-Za-z]/.test(key);
      return [key, plain ? pascalCase(key) : `Route${pascalCase(key)}${shortHash(key, 6)}`] as const;
    }),
  );
  const counts = new Map<string, number>();
  for (const name of candidates.values()) counts.set(name, (counts.get(name) ?? 0) + 1);
  return new Map(
    [...candidates].map(([key, name]) => [key, counts.get(name)! > 1 ? `${name}${shortHash(key, 6)}` : name]),
  );
}

/** The resources that belong to one route, all named from its base name. */
export function routeIds(base: string) {
  return {
    route: `${base}Route`,
    integration: `${base}Integration`,
    routeResponse: `${base}RouteResponse`,
    integrationResponse: `${base}IntegrationResponse`,
    integrationRole: `${base}IntegrationRole`,
    function: `${base}Function`,
    functionPermission: `${base}FunctionPermission`,
    stateMachine: `${base}StateMachine`,
    stateMachineRole: `${base}StateMachineRole`,
  };
}

/**
 * The function a name in `functions` declares: `compose` → `ComposeFunction` (names start lower-case, so this is
 * one-to-one). A route key can give the same ID (`compose` → `ComposeFunction`): the generator refuses that.
 */
export function configFunctionId(name: string): string {
  return `${name[0]!.toUpperCase()}${name.slice(1)}Function`;
}

/** A deployment's ID changes whenever what it deploys changes, so CloudFormation redeploys the API. */
export function deploymentId(contentFingerprint: string): string {
  return `Deployment${shortHash(contentFingerprint)}`;
}

const upperFirst = (name: string) => `${name[0]!.toUpperCase()}${name.slice(1)}`;

/** A table in `tables`: `messages` → `MessagesTable` (names start lower-case; `sessions` is refused). */
export function declaredTableId(name: string): string {
  return `${upperFirst(name)}Table`;
}

/** A queue in `queues`: `notifications` → `NotificationsQueue`, its `NotificationsDeadLetterQueue` and the mapping to its consumer. */
export function declaredQueueIds(name: string) {
  return {
    queue: `${upperFirst(name)}Queue`,
    deadLetterQueue: `${upperFirst(name)}DeadLetterQueue`,
    consumerMapping: `${upperFirst(name)}QueueConsumer`,
  };
}
