/** A real local API gateway as the edge's origin: `$connect`/`$disconnect` events recorded, `$default` answering. */
import { lambdaRoute, startGateway, type Harness } from '../api/harness.ts';

export type RecordedEvent = Record<string, unknown> & { requestContext: Record<string, unknown> };

const CONNECT_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:Connect';
const ECHO_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:Echo';
const DISCONNECT_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:Disconnect';

/**
 * `$connect` refuses (403) when the path header says `/refuse`, else accepts choosing `ocpp1.6`; `$default` answers
 * `reply(event)`. `events` gets every `$connect` and `$disconnect` event in order.
 */
export async function startGatewayOrigin(
  reply: (event: RecordedEvent) => string,
): Promise<{ gateway: Harness; events: RecordedEvent[] }> {
  const events: RecordedEvent[] = [];
  const gateway = await startGateway({
    routes: [
      lambdaRoute('$connect', CONNECT_ARN, false),
      lambdaRoute('$default', ECHO_ARN),
      lambdaRoute('$disconnect', DISCONNECT_ARN, false),
    ],
    lambdas: {
      [CONNECT_ARN]: (event) => {
        events.push(event as RecordedEvent);
        const headers = (event['headers'] ?? {}) as Record<string, string>;
        if (headers['Ws-Uri'] === '/refuse' || headers['ws-uri'] === '/refuse') return { statusCode: 403 };
        return { statusCode: 200, headers: { 'Sec-WebSocket-Protocol': 'ocpp1.6' } };
      },
      [ECHO_ARN]: (event) => ({ statusCode: 200, body: reply(event as RecordedEvent) }),
      [DISCONNECT_ARN]: (event) => {
        events.push(event as RecordedEvent);
        return { statusCode: 200 };
      },
    },
  });
  return { gateway, events };
}
