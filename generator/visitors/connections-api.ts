import { sub, type CfnValue } from '../../cfn/types.ts';
import { LOGICAL_IDS } from '../naming.ts';

/** The stage's `@connections` API, as grants and as a URL. */

/** `execute-api:ManageConnections` resource: AWS checks the literal text `{connectionId}` (docs/aws-behaviour.md#apigw-connections). */
export function connectionsArn(method: 'GET' | 'POST' | 'DELETE'): CfnValue {
  return sub(
    `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${LOGICAL_IDS.api}}/\${${LOGICAL_IDS.stageParameter}}/${method}/@connections/{connectionId}`,
  );
}

/** The stage's `@connections` endpoint (what `ConnectionsEndpoint` outputs). */
export function connectionsEndpoint(): CfnValue {
  return sub(
    `https://\${${LOGICAL_IDS.api}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/\${${LOGICAL_IDS.stageParameter}}`,
  );
}
