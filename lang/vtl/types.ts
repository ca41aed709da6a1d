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
  /** Parses and compiles `template` now (at stack start) rather than on its first render. */
  prepare?(template: string): void;
}

/** 'compiled': templates compiled once to closures (velocityjs for what they do not cover); 'interpreted': velocityjs only. */
export const VTL_ENGINE_MODES = ['compiled', 'interpreted'] as const;
export type VtlEngineMode = (typeof VTL_ENGINE_MODES)[number];

export interface VtlEngineOptions {
  /**
   * How a reference without a value renders: 'empty' (API Gateway) prints nothing,
   * 'literal' (plain Velocity) prints the reference text, e.g. `$foo.bar`.
   * `$!foo` always prints nothing.
   * @default 'empty'
   */
  undefinedReferences?: 'empty' | 'literal';
  /**
   * 'interpreted' renders every template with velocityjs, the reference: a way to rule the compiled path out.
   * @default 'compiled'
   */
  engine?: VtlEngineMode;
  /** Gets a line for each template kept on velocityjs, naming the construct (a debug log). */
  log?: (message: string) => void;
}
