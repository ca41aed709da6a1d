/** IAM as the local stack sees it: the policies of each role in a template, and the decisions on them. */

/** An IAM policy document as written in a template (only shape-checked here; iam-simulate validates it). */
export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement | PolicyStatement[];
}

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: unknown;
  NotPrincipal?: unknown;
  Condition?: Record<string, Record<string, string | string[] | boolean | number>>;
}

/** One policy attached to a role, named so a log line can point at it. */
export interface NamedPolicy {
  /** e.g. `ConnectIntegrationRole/SessionsPutItem`, `arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole` */
  name: string;
  document: PolicyDocument;
}

/** A role of the template (written as AWS::IAM::Role, or the one SAM creates for a function or state machine). */
export interface LocalRole {
  /** The role's logical ID (`<LogicalId>Role` for SAM's implicit roles). */
  logicalId: string;
  roleName: string;
  arn: string;
  /** The trust policy (AssumeRolePolicyDocument). */
  trustPolicy: PolicyDocument | undefined;
  policies: NamedPolicy[];
}

/** What the template gives the evaluator; `warnings` name everything it could not evaluate. */
export interface TemplatePolicies {
  roles: LocalRole[];
  /** Logical ID of each SAM function and state machine → the role it runs as (its `Role`, or the one SAM creates). */
  executionRoles: Map<string, string>;
  /** Function ARN → its resource-based policy (from AWS::Lambda::Permission resources). */
  functionPolicies: Map<string, PolicyDocument>;
  warnings: string[];
}

/** A caller: a role of the template (by ARN), or an AWS service principal such as `apigateway.amazonaws.com`. */
export interface IamRequest {
  principal: string;
  /** `service:Action`, e.g. `dynamodb:PutItem`. */
  action: string;
  /** The ARN the action is on (never a pattern: `*` and `?` here are refused). */
  resource: string;
  /** Request context keys the caller supplies, e.g. `aws:SourceArn`. */
  context?: Record<string, string | string[]>;
  /** Who is asking, for the AWS-shaped message (`assumed-role/{role}/{session}`). @default 'local' */
  sessionName?: string;
}

/** The statement that decided, named by its policy and position. */
export interface DecidingStatement {
  policy: string;
  index: number;
  sid: string | undefined;
}

export type IamDecision =
  /** `unevaluated`: why no evaluation happened (a role outside the template), in which case the call goes ahead. */
  | { allowed: true; statement: DecidingStatement | undefined; unevaluated?: string }
  | {
      allowed: false;
      reason: 'explicit-deny' | 'implicit-deny' | 'invalid-request';
      /** AWS's wording: `User: … is not authorized to perform: … on resource: … because …`. */
      message: string;
      /** The Deny statement that matched (explicit denials). */
      statement?: DecidingStatement;
      /** A statement that would allow the call (implicit denials). */
      wouldAllow?: PolicyStatement;
      /** Condition keys of the role's statements that the request did not carry (the local stack does not supply them). */
      missingConditionKeys: string[];
    };

export interface IamEvaluator {
  authorize(request: IamRequest): Promise<IamDecision>;
  /** Whether `servicePrincipal` may assume `roleArn` (sts:AssumeRole under the role's trust policy). */
  canAssume(roleArn: string, servicePrincipal: string): Promise<boolean>;
  /** The role with this ARN, or undefined. */
  role(roleArn: string): LocalRole | undefined;
}
