/**
 * A `sendToIdentity` route: `{"action": …, "identity": "CP001", "data": …}` reaches every connection of that
 * identity (`data` as-is when it is a string, else as JSON), but only from a connection whose authorizer context has
 * `ALLOW_WHEN_EQUALS` under `ALLOW_WHEN_CONTEXT_KEY` (the route's `allowWhen`): an ordinary client never addresses
 * another one. The sender gets `{"identity", "delivered", "removedStale"}`, or `{"message"}` naming what was wrong.
 */
import { sendToIdentity } from './lib/identity.ts';
import { identityLookupFromEnvironment, parseSendRequest } from './lib/send-request.ts';

interface MessageEvent {
  body?: string;
  requestContext: { connectionId: string; authorizer?: Record<string, unknown> };
}

interface MessageResult {
  statusCode: number;
  body: string;
}

const lookup = identityLookupFromEnvironment();
const allowWhen = { contextKey: process.env['ALLOW_WHEN_CONTEXT_KEY'], equals: process.env['ALLOW_WHEN_EQUALS'] };
if (!allowWhen.contextKey || !allowWhen.equals)
  throw new Error(
    'ALLOW_WHEN_CONTEXT_KEY and ALLOW_WHEN_EQUALS must be set: the function must be deployed from the generated template',
  );

export async function handler(event: MessageEvent): Promise<MessageResult> {
  const granted = event.requestContext.authorizer?.[allowWhen.contextKey!];
  // API Gateway hands the context over as strings; compare as such.
  if (granted === undefined || granted === null || String(granted) !== allowWhen.equals) {
    console.log(JSON.stringify({ forbidden: event.requestContext.connectionId, contextKey: allowWhen.contextKey }));
    return answer(403, {
      message: `Forbidden: only connections whose authorizer context has ${allowWhen.contextKey} = ${JSON.stringify(allowWhen.equals)} may send to other connections`,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(event.body ?? '');
  } catch {
    return answer(400, { message: 'the message must be JSON: {"action": …, "identity": "<identity>", "data": …}' });
  }
  const request = parseSendRequest(parsed);
  if (typeof request === 'string') return answer(400, { message: request });
  return answer(200, await sendToIdentity(lookup, request.identity, request.payload));
}

function answer(statusCode: number, body: unknown): MessageResult {
  return { statusCode, body: JSON.stringify(body) };
}
