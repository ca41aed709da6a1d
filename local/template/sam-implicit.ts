import type { RawResource } from './references.ts';

/**
 * Resources the SAM transform creates beside the ones a template declares, under names templates refer
 * to (`!GetAtt MyFunctionRole.Arn`): the execution role of each function and state machine that sets no
 * `Role` ("Generated CloudFormation resources for AWS SAM"). Only their Ref/GetAtt values exist locally;
 * what the roles allow is local/iam's to work out from the SAM resource itself.
 */
export function samImplicitResources(resources: Record<string, RawResource>): Record<string, RawResource> {
  const implicit: Record<string, RawResource> = {};
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::Serverless::Function' && resource.Type !== 'AWS::Serverless::StateMachine') continue;
    const properties = resource.Properties ?? {};
    if (properties['Role'] !== undefined) continue;
    const rolePath = properties['RolePath'];
    implicit[`${logicalId}Role`] = {
      Type: 'AWS::IAM::Role',
      Properties: rolePath === undefined ? {} : { Path: rolePath },
      ...(resource.Condition === undefined ? {} : { Condition: resource.Condition }),
    };
  }
  return implicit;
}
