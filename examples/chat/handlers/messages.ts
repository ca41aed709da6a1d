/**
 * The chat's message history in the declared `messages` table: one room (`lobby`), messages sorted by a key that
 * starts with the time they arrived (so a Query newest-first is the latest messages), each expiring after a day.
 */
import { DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { declaredTableName } from '../../../handlers/lib/declared-tables.ts';

export const ROOM = 'lobby';
const KEEP_SECONDS = 86_400;

export interface StoredMessage {
  from: string;
  data: string;
  sentAt: number;
}

export function messagesTable(dynamodb = new DynamoDBClient({})) {
  const table = declaredTableName('messages');
  return {
    async add(message: StoredMessage, requestId: string): Promise<void> {
      await dynamodb.send(
        new PutItemCommand({
          TableName: table,
          Item: {
            room: { S: ROOM },
            // Sorted by arrival; the request ID keeps two messages of the same millisecond apart.
            messageId: { S: `${String(message.sentAt).padStart(15, '0')}#${requestId}` },
            from: { S: message.from },
            data: { S: message.data },
            sentAt: { N: String(message.sentAt) },
            expiresAt: { N: String(Math.floor(message.sentAt / 1000) + KEEP_SECONDS) },
          },
        }),
      );
    },
    async latest(limit: number): Promise<StoredMessage[]> {
      const result = await dynamodb.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'room = :room',
          ExpressionAttributeValues: { ':room': { S: ROOM } },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (result.Items ?? []).map((item) => ({
        from: item['from']?.S ?? '',
        data: item['data']?.S ?? '',
        sentAt: Number(item['sentAt']?.N ?? 0),
      }));
    },
  };
}
