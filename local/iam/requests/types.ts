/** Where ARNs of the local stack live. */
export interface ArnScope {
  partition: string;
  region: string;
  accountId: string;
}

/** One IAM question a request asks: may the caller do `action` on `resource`? */
export interface ResourceAction {
  action: string;
  resource: string;
}

/** Every check a request needs (all must pass), or why it has none the local stack can name. */
export type RequestAuthorizations = { kind: 'checks'; checks: ResourceAction[] } | { kind: 'unmapped'; reason: string };
