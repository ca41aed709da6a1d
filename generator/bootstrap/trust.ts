/**
 * GitHub OIDC: the identity provider (optional, one per account) and the trust policy of a deploy
 * role. The trust pins the audience and the exact `sub` of one repository and one GitHub
 * environment with StringEquals, so no branch, fork, pull request or other environment can
 * assume the role; required reviewers on the environment then gate who can deploy.
 */
import type { CfnObject, CfnResource } from '../../cfn/types.ts';
import { sub } from '../../cfn/types.ts';
import { fnIf } from './intrinsics.ts';
import type { Environment } from './parameters.ts';

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
export const OIDC_PROVIDER_ID = 'GitHubOidcProvider';

export function oidcProvider(): CfnResource {
  return {
    Type: 'AWS::IAM::OIDCProvider',
    Condition: 'ShouldCreateOidcProvider',
    Properties: {
      Url: `https://${GITHUB_OIDC_HOST}`,
      ClientIdList: ['sts.amazonaws.com'],
      // IAM trusts GitHub's root CA itself now; the thumbprints are kept for partitions that still check them.
      ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1', '1c58a3a8518e8759bf075b76b750d4f2df264fcd'],
    },
  };
}

/** The `sub` claim GitHub issues to a job that runs in `environment` of the repository. */
export const environmentSubject = (environment: Environment): CfnObject =>
  sub(`repo:\${GitHubOwner}/\${GitHubRepo}:environment:\${${environment.parameter}}`);

export function trustPolicy(environment: Environment): CfnObject {
  const existingProvider = sub(`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:oidc-provider/${GITHUB_OIDC_HOST}`);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: fnIf('ShouldCreateOidcProvider', { Ref: OIDC_PROVIDER_ID }, existingProvider) },
        Action: ['sts:AssumeRoleWithWebIdentity'],
        Condition: {
          StringEquals: {
            [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com',
            [`${GITHUB_OIDC_HOST}:sub`]: environmentSubject(environment),
          },
        },
      },
    ],
  };
}
