/** The request data a template sees. */
export interface VtlRequest {
  /** raw message body ('' for CONNECT/DISCONNECT) */
  body: string;
  /** the $context object. requestTimeEpoch and connectedAt are numbers (epoch ms); nested objects like identity, authorizer. */
  context: Record<string, unknown>;
  /** $input.params() sources; header names as received (any case). */
  params: { path: Record<string, string>; querystring: Record<string, string>; header: Record<string, string> };
  stageVariables: Record<string, string>;
}

export interface VtlEngine {
  render(template: string, request: VtlRequest): string;
}

export interface VtlEngineOptions {
  /**
   * How a reference without a value renders: 'empty' (API Gateway) prints nothing,
   * 'literal' (plain Velocity) prints the reference text, e.g. `$foo.bar`.
   * `$!foo` always prints nothing.
   * @default 'empty'
   */
  undefinedReferences?: 'empty' | 'literal';
}
