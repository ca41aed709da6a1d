/** What the local stack sees of a template: every value already resolved to a local one. */

export interface LoadTemplateOptions {
  stackName: string;
  region: string;
  accountId: string;
  /** Parameter values that replace the defaults, like `sam deploy --parameter-overrides`. */
  parameterOverrides?: Record<string, string>;
  /**
   * The value of a `NoEcho` parameter that has neither a Default nor an override (a secret the deployer must choose;
   * CloudFormation would refuse to deploy without it). @default a fixed stand-in per stack name and parameter (64 hex digits)
   */
  secretParameterValue?: (name: string) => string;
  /** The WebSocket API id (Ref of the `AWS::ApiGatewayV2::Api`); default: derived from the stack name. */
  apiId?: string;
  /** Name of the template in error messages. */
  source?: string;
  /** The folder relative paths in the template (CodeUri, DefinitionUri, ContentUri) start from. @default process.cwd() */
  baseDir?: string;
}

export interface LocalResource {
  logicalId: string;
  type: string;
  /** Properties with every intrinsic resolved (`AWS::NoValue` keys removed). */
  properties: unknown;
  /** Resource Metadata as written (SAM build settings carry no intrinsics). */
  metadata?: unknown;
  dependsOn: string[];
}

/** The local stand-in for a deployed resource: what `Ref` and `Fn::GetAtt` return. */
export interface PhysicalId {
  ref: string;
  attributes: Record<string, string>;
}

export interface LocalTemplate {
  /** Effective parameter values (defaults, then overrides). */
  parameters: Record<string, string>;
  resources: Map<string, LocalResource>;
  outputs: Record<string, string>;
  physicalIds: Map<string, PhysicalId>;
  /** Qualified ARNs of the function aliases and versions the stack creates (versions-aliases.ts). */
  versionsAndAliases: string[];
  /** Values of the pseudo parameters (`AWS::Region`, ...) used while loading. */
  pseudoParameters: Record<string, string>;
  /** Absolute folder that relative paths in the template start from. */
  baseDir: string;
  /** Declared resources of types the local stack does not emulate; absent from `resources`. */
  notEmulated: NotEmulatedResource[];
  /** Outputs left out of `outputs` because they refer to what is not emulated. */
  unresolvedOutputs: UnresolvedOutput[];
  /** What the loader accepted but the local stack does not do as AWS would, one line each. */
  warnings: string[];
}

/** A declared resource whose type the local stack does not run (listed once at start). */
export interface NotEmulatedResource {
  logicalId: string;
  type: string;
}

/** An output that has no local value, and why. */
export interface UnresolvedOutput {
  name: string;
  reason: string;
}
