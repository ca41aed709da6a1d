import { join, ref, type CfnValue } from '../../cfn/types.ts';
import type { WsConfig } from '../config/index.ts';
import type { Visitor } from '../context.ts';
import { LOGICAL_IDS } from '../naming.ts';

/** A secret that fits an HTTP header value and a stage variable (`[A-Za-z0-9-._~:/?#&=,]`). */
const SECRET_PATTERN = '[A-Za-z0-9_-]{32,128}';

/** The stage variable holding the accepted secrets, comma-separated: `$stageVariables.originSecrets` in VTL. */
export const ORIGIN_SECRETS_STAGE_VARIABLE = 'originSecrets';

/** With the edge on and direct access not allowed, only connections carrying the edge's secret header get in. */
export function edgeGuarded({ edge }: WsConfig): boolean {
  return edge.enabled && !edge.allowDirectAccess;
}

/**
 * "Only the edge reaches the API": two NoEcho parameters. CloudFront sends `OriginSecret` as an origin custom header;
 * `$connect` accepts it and, while a rotation propagates, `OriginSecretPrevious` (README, "Rotating the origin secret").
 * Their values never appear in the template, and CloudFormation masks them; there is no default, so a deploy must
 * name one (`openssl rand -hex 32`), and later deploys keep it unless given a new one.
 */
export const edgeGuardVisitor: Visitor = (template, { config }) => {
  if (!edgeGuarded(config)) return;
  template.Parameters![LOGICAL_IDS.originSecretParameter] = {
    Type: 'String',
    NoEcho: true,
    Description:
      'Secret header value CloudFront sends to the API; $connect refuses connections without it (e.g. openssl rand -hex 32)',
    AllowedPattern: `^${SECRET_PATTERN}$`,
    ConstraintDescription: '32-128 letters, digits, - or _',
  };
  template.Parameters![LOGICAL_IDS.previousOriginSecretParameter] = {
    Type: 'String',
    NoEcho: true,
    Default: '',
    Description: 'During a rotation, the previous OriginSecret, still accepted; empty otherwise',
    AllowedPattern: `^(${SECRET_PATTERN})?$`,
    ConstraintDescription: 'empty, or 32-128 letters, digits, - or _',
  };
};

/** The accepted secrets, `current,previous` (a trailing comma when there is no previous one: never an empty secret). */
export function acceptedOriginSecrets(): CfnValue {
  return join(',', [ref(LOGICAL_IDS.originSecretParameter), ref(LOGICAL_IDS.previousOriginSecretParameter)]);
}
