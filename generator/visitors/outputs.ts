import { ref, sub } from '../../cfn/types.ts';
import type { Visitor } from '../context.ts';
import { LOGICAL_IDS } from '../naming.ts';
import { distributionUrl } from './edge.ts';

/** The stack-outputs contract the smoke suite reads (design.md). */
export const outputsVisitor: Visitor = (template, { config }) => {
  const api = `\${${LOGICAL_IDS.api}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}`;
  const stage = `\${${LOGICAL_IDS.stageParameter}}`;
  template.Outputs = {
    APIEndpoint: { Description: 'WebSocket URL of the API stage', Value: sub(`wss://${api}/${stage}`) },
    ...(config.edge.enabled ? { Distribution: { Description: 'WebSocket URL of the CloudFront edge (any path)', Value: distributionUrl() } } : {}),
    ConnectionsEndpoint: { Description: 'Endpoint of the @connections management API', Value: sub(`https://${api}/${stage}`) },
    Sessions: { Description: 'Sessions table name', Value: ref(LOGICAL_IDS.sessionsTable) },
    Region: { Description: 'Region of the stack', Value: ref('AWS::Region') },
  };
};
