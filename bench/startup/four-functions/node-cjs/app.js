const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const client = new DynamoDBClient({});
exports.handler = async () => ({ statusCode: 200, body: `cjs ${typeof client.send}` });
