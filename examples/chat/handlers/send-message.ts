/**
 * `sendmessage`: `{"action": "sendmessage", "data": …}` is kept in the `messages` table (./messages.ts), then goes to every connection (a string as-is, anything else as
 * JSON); records of connections that are gone are removed on the way (handlers/lib/connections.ts). A message
 * without `data` is answered to its sender alone, since the route sends no reply. Posts that fail for another
 * reason are logged and make the invocation fail (API Gateway logs it; the client gets the Internal server error frame).
 */
import { broadcast, connectionStoreFromEnvironment, postToConnection } from '../../../handlers/lib/connections.ts';
import { messagesTable } from './messages.ts';

interface MessageEvent {
  body?: string;
  requestContext: { connectionId: string; requestId: string; requestTimeEpoch: number };
}

const store = connectionStoreFromEnvironment();
const history = messagesTable(store.dynamodb);

export async function handler(event: MessageEvent): Promise<{ statusCode: number }> {
  const data = dataOf(event.body);
  if (data === undefined) {
    await postToConnection(store, event.requestContext.connectionId, {
      message: 'send {"action": "sendmessage", "data": <your message>}',
    });
    return { statusCode: 400 };
  }
  const { connectionId, requestId, requestTimeEpoch } = event.requestContext;
  // Kept before it is sent: a message everyone saw is in the history.
  await history.add(
    { from: connectionId, data: typeof data === 'string' ? data : JSON.stringify(data), sentAt: requestTimeEpoch },
    requestId,
  );
  const report = await broadcast(store, data);
  console.log(
    JSON.stringify({
      from: event.requestContext.connectionId,
      delivered: report.delivered,
      removedStale: report.removedStale,
      failed: report.failed,
    }),
  );
  if (report.failed.length > 0)
    throw new Error(
      `${report.failed.length} of ${report.failed.length + report.delivered} posts failed: ${report.failed[0]!.error}`,
    );
  return { statusCode: 200 };
}

/** The message's `data`, or undefined when the body is not JSON or has none. */
function dataOf(body: string | undefined): unknown {
  try {
    const parsed: unknown = JSON.parse(body ?? '');
    return parsed !== null && typeof parsed === 'object' && 'data' in parsed
      ? (parsed as { data: unknown }).data
      : undefined;
  } catch {
    return undefined;
  }
}
