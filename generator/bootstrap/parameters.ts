import type { CfnParameter, CfnValue } from '../../cfn/types.ts';
import { fnEquals } from './intrinsics.ts';

/** The GitHub environments that may deploy; one deploy role each (see ./index.ts). */
export const ENVIRONMENTS = [
  { key: 'Dev', parameter: 'DevEnvironmentName', default: 'dev' },
  { key: 'Prod', parameter: 'ProdEnvironmentName', default: 'prod' },
] as const;

export type Environment = (typeof ENVIRONMENTS)[number];

/** `<prefix>-<environment>`: the stack each role may deploy, as samconfig.toml names them. */
export const stackNameOf = (environment: Environment): string => `\${StackNamePrefix}-\${${environment.parameter}}`;

const NAME_RULE = {
  AllowedPattern: '^[A-Za-z0-9_.-]{1,100}$',
  ConstraintDescription: 'letters, digits, -, _ or . (1-100)',
};

export function bootstrapParameters(): Record<string, CfnParameter> {
  const environments = Object.fromEntries(
    ENVIRONMENTS.map((environment): [string, CfnParameter] => [
      environment.parameter,
      {
        Type: 'String',
        Default: environment.default,
        Description: `GitHub environment (and stack suffix) of the ${environment.key.toLowerCase()} deployment`,
        AllowedPattern: '^[A-Za-z0-9_-]{1,40}$',
        ConstraintDescription: 'letters, digits, - or _ (1-40)',
      },
    ]),
  );
  return {
    GitHubOwner: { Type: 'String', Description: 'GitHub user or organisation that owns the repository', ...NAME_RULE },
    GitHubRepo: { Type: 'String', Description: 'GitHub repository name (without the owner)', ...NAME_RULE },
    ...environments,
    StackNamePrefix: {
      Type: 'String',
      Default: 'apigw-ws-integrations',
      Description: 'Deployed stacks are named <prefix>-<environment>; each role may touch only its own stack',
      AllowedPattern: '^[A-Za-z][A-Za-z0-9-]{0,40}$',
      ConstraintDescription: 'a letter, then letters, digits or - (1-41)',
    },
    ArtifactsBucketName: {
      Type: 'String',
      Description:
        "S3 bucket sam deploy uploads code to: the SourceBucket output of SAM's managed stack aws-sam-cli-managed-default",
      AllowedPattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
      ConstraintDescription: 'an S3 bucket name',
    },
    CreateOidcProvider: {
      Type: 'String',
      Default: 'true',
      AllowedValues: ['true', 'false'],
      Description:
        'false when the account already has the token.actions.githubusercontent.com OIDC provider (one per account)',
    },
  };
}

export function bootstrapConditions(): Record<string, CfnValue> {
  return { ShouldCreateOidcProvider: fnEquals({ Ref: 'CreateOidcProvider' }, 'true') };
}
