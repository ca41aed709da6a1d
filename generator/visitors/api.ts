import { sub } from '../../cfn/types.ts';
import type { Visitor } from '../context.ts';
import { STAGE_NAME } from '../config/names.ts';
import { LOGICAL_IDS } from '../naming.ts';

/** The WebSocket API and its stage-name parameter. */
export const apiVisitor: Visitor = (template, { config }) => {
  template.Parameters![LOGICAL_IDS.stageParameter] = {
    Type: 'String',
    Default: config.stage.name,
    Description: 'Name of the WebSocket API stage (the only path API Gateway accepts)',
    AllowedPattern: STAGE_NAME.source,
    ConstraintDescription: 'letters, digits, - or _ (1-128)',
  };
  template.Resources[LOGICAL_IDS.api] = {
    Type: 'AWS::ApiGatewayV2::Api',
    Properties: {
      Name: sub('${AWS::StackName}-WebSocketApi'),
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: config.routeSelectionExpression,
    },
  };
};
