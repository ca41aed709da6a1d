import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
const connections = new ApiGatewayManagementApiClient({});
export const handler = async (): Promise<{ statusCode: number; body: string }> => ({
  statusCode: 200,
  body: `ts ${typeof connections.send}`,
});
