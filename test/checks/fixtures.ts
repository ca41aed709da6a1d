/**
 * A small but complete WebSocket SAM template using every resource type the generator emits.
 * It must pass our static checks AND the real cfn-lint; tests inject one defect at a time
 * into a fresh copy.
 */
import { parseCloudFormation } from '../../cfn/yaml.ts';
import type { CfnObject, CfnTemplate } from '../../cfn/types.ts';

const CLEAN_YAML = `
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  StageName:
    Type: String
    Default: prod
Globals:
  Function:
    Timeout: 10
    MemorySize: 256
Resources:
  ConnectionsTable:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - { AttributeName: connectionId, AttributeType: S }
      KeySchema:
        - { AttributeName: connectionId, KeyType: HASH }
  WebSocketApi:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: !Sub '\${AWS::StackName}-ws'
      ProtocolType: WEBSOCKET
      RouteSelectionExpression: $request.body.action
  ConnectHandler:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      InlineCode: 'exports.handler = async () => ({ statusCode: 200 });'
      LoggingConfig:
        LogFormat: JSON
      Environment:
        Variables:
          TABLE_NAME: !Ref ConnectionsTable
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref ConnectionsTable
        - Statement:
            - Effect: Allow
              Action: execute-api:ManageConnections
              Resource: !Sub 'arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${WebSocketApi}/*'
  ConnectPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref ConnectHandler
      Principal: apigateway.amazonaws.com
      SourceArn: !Sub 'arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${WebSocketApi}/*'
  ConnectIntegration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref WebSocketApi
      IntegrationType: AWS_PROXY
      IntegrationUri: !Sub 'arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${ConnectHandler.Arn}/invocations'
  Authorizer:
    Type: AWS::ApiGatewayV2::Authorizer
    Properties:
      ApiId: !Ref WebSocketApi
      AuthorizerType: REQUEST
      Name: connect-authorizer
      AuthorizerUri: !Sub 'arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${ConnectHandler.Arn}/invocations'
      IdentitySource:
        - route.request.header.Authorization
  ConnectRoute:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref WebSocketApi
      RouteKey: $connect
      AuthorizationType: CUSTOM
      AuthorizerId: !Ref Authorizer
      Target: !Sub 'integrations/\${ConnectIntegration}'
  TableWriteRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: apigateway.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: put-connection
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: [dynamodb:PutItem, dynamodb:DeleteItem]
                Resource: !GetAtt ConnectionsTable.Arn
  SendIntegration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref WebSocketApi
      IntegrationType: AWS
      IntegrationMethod: POST
      IntegrationUri: !Sub 'arn:\${AWS::Partition}:apigateway:\${AWS::Region}:dynamodb:action/PutItem'
      CredentialsArn: !GetAtt TableWriteRole.Arn
      TemplateSelectionExpression: \\$default
      RequestTemplates:
        $default: !Sub '{"TableName":"\${ConnectionsTable}","Item":{"connectionId":{"S":"$context.connectionId"}}}'
  SendRoute:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref WebSocketApi
      RouteKey: send
      RouteResponseSelectionExpression: $default
      Target: !Join ['/', [integrations, !Ref SendIntegration]]
  SendRouteResponse:
    Type: AWS::ApiGatewayV2::RouteResponse
    Properties:
      ApiId: !Ref WebSocketApi
      RouteId: !Ref SendRoute
      RouteResponseKey: $default
  SendIntegrationResponse:
    Type: AWS::ApiGatewayV2::IntegrationResponse
    Properties:
      ApiId: !Ref WebSocketApi
      IntegrationId: !Ref SendIntegration
      IntegrationResponseKey: $default
  StateMachineLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 14
  AsyncStateMachine:
    Type: AWS::Serverless::StateMachine
    Properties:
      Type: EXPRESS
      Definition:
        StartAt: Done
        States:
          Done: { Type: Succeed }
      Logging:
        Level: ERROR
        IncludeExecutionData: false
        Destinations:
          - CloudWatchLogsLogGroup:
              LogGroupArn: !GetAtt StateMachineLogs.Arn
      Policies:
        - Statement:
            - Effect: Allow
              Action: [logs:CreateLogDelivery, logs:GetLogDelivery, logs:UpdateLogDelivery, logs:DeleteLogDelivery,
                       logs:ListLogDeliveries, logs:PutResourcePolicy, logs:DescribeResourcePolicies, logs:DescribeLogGroups]
              Resource: '*'
  Deployment:
    Type: AWS::ApiGatewayV2::Deployment
    DependsOn: [ConnectRoute, SendRoute]
    Properties:
      ApiId: !Ref WebSocketApi
  ApiLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 14
  ApiGatewayCloudWatchRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: apigateway.amazonaws.com }
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - !Sub 'arn:\${AWS::Partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs'
  ApiGatewayAccount:
    Type: AWS::ApiGateway::Account
    Properties:
      CloudWatchRoleArn: !GetAtt ApiGatewayCloudWatchRole.Arn
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    DependsOn: ApiGatewayAccount
    Properties:
      ApiId: !Ref WebSocketApi
      StageName: !Ref StageName
      DeploymentId: !Ref Deployment
      DefaultRouteSettings:
        LoggingLevel: INFO
        DataTraceEnabled: false
      AccessLogSettings:
        DestinationArn: !GetAtt ApiLogs.Arn
        Format: '{"requestId":"$context.requestId","routeKey":"$context.routeKey"}'
  GithubOidc:
    Type: AWS::IAM::OIDCProvider
    Properties:
      Url: https://token.actions.githubusercontent.com
      ClientIdList: [sts.amazonaws.com]
  DeployPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: cloudformation:ValidateTemplate
            Resource: '*'
  ViewerFunction:
    Type: AWS::CloudFront::Function
    Properties:
      Name: !Sub '\${AWS::StackName}-viewer'
      AutoPublish: true
      FunctionCode: 'function handler(event) { return event.request; }'
      FunctionConfig:
        Comment: pass-through
        Runtime: cloudfront-js-2.0
  WsOriginPolicy:
    Type: AWS::CloudFront::OriginRequestPolicy
    Properties:
      OriginRequestPolicyConfig:
        Name: !Sub '\${AWS::StackName}-ws'
        HeadersConfig:
          HeaderBehavior: whitelist
          Headers: [Sec-WebSocket-Key, Sec-WebSocket-Version, Sec-WebSocket-Protocol, Sec-WebSocket-Extensions]
        CookiesConfig: { CookieBehavior: none }
        QueryStringsConfig: { QueryStringBehavior: all }
  Distribution:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - Id: ws
            DomainName: !Sub '\${WebSocketApi}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}'
            OriginPath: !Sub '/\${StageName}'
            CustomOriginConfig: { OriginProtocolPolicy: https-only }
        DefaultCacheBehavior:
          TargetOriginId: ws
          ViewerProtocolPolicy: https-only
          CachePolicyId: 4135ea2d-6df8-44a3-9df3-4b5a84be39ad
          OriginRequestPolicyId: !Ref WsOriginPolicy
          FunctionAssociations:
            - EventType: viewer-request
              FunctionARN: !GetAtt ViewerFunction.FunctionARN
Outputs:
  WebSocketUrl:
    Value: !Sub 'wss://\${WebSocketApi}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/\${Stage}'
  StateMachineName:
    Value: !GetAtt AsyncStateMachine.Name
  HandlerRoleArn:
    Value: !GetAtt ConnectHandlerRole.Arn
  DistributionDomain:
    Value: !GetAtt Distribution.DomainName
`;

/** A fresh, independent copy of the clean template (safe to mutate). */
export function cleanTemplate(): CfnTemplate {
  return structuredClone(parseCloudFormation(CLEAN_YAML, 'fixtures.ts') as unknown as CfnTemplate);
}

/** The `Properties` of a fixture resource, for injecting a defect. */
export function props(template: CfnTemplate, logicalId: string): CfnObject {
  const resource = template.Resources[logicalId];
  if (resource?.Properties === undefined) throw new Error(`fixture has no resource ${logicalId} with Properties`);
  return resource.Properties;
}
