/**
 * Send a message to "the connection of CP001": look the identity up in its index, post through
 * `@connections`, and delete the record of any connection that is gone (410), so a stale record
 * left by a lost `$disconnect` stops costing a lookup. Usable from any handler.
 */
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { connectionIdsOf, postToConnection, type ConnectionStore } from './connections.ts';

export interface IdentityLookup extends ConnectionStore {
  index: string;
  attribute: string;
}

export interface DeliveryReport {
  identity: string;
  /** Connections the message reached. */
  delivered: number;
  /** Records removed because their connection was gone. */
  removedStale: number;
}

export async function sendToIdentity(
  lookup: IdentityLookup,
  identity: string,
  payload: string | Uint8Array,
): Promise<DeliveryReport> {
  const connectionIds = await connectionsOf(lookup, identity);
  const report: DeliveryReport = { identity, delivered: 0, removedStale: 0 };
  for (const connectionId of connectionIds) {
    if ((await postToConnection(lookup, connectionId, payload)) === 'delivered') report.delivered += 1;
    else report.removedStale += 1;
  }
  return report;
}

/** Every connection ID recorded for the identity (a charge point that reconnected may briefly have two). */
export async function connectionsOf(lookup: IdentityLookup, identity: string): Promise<string[]> {
  return connectionIdsOf(lookup.partitionKey, (startKey) =>
    lookup.dynamodb.send(
      new QueryCommand({
        TableName: lookup.table,
        IndexName: lookup.index,
        KeyConditionExpression: '#identity = :identity',
        ExpressionAttributeNames: { '#identity': lookup.attribute, '#key': lookup.partitionKey },
        ExpressionAttributeValues: { ':identity': { S: identity } },
        ProjectionExpression: '#key',
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    ),
  );
}
