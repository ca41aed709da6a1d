/**
 * `$default` of the OCPP example: a minimal CSMS that answers OCPP-J CALLs
 * (`[2, id, action, payload]`) with a CALLRESULT (`[3, id, payload]`) or a CALLERROR
 * (`[4, id, code, description, details]`). Answers from the charge point (`[3, …]`, `[4, …]`)
 * need no reply. The OCPP version is the subprotocol `$connect` chose, stored on the session.
 */
interface MessageEvent {
  body?: string;
  requestContext: { connectionId: string; authorizer?: Record<string, unknown> };
}

interface MessageResult {
  statusCode: number;
  body?: string;
}

const HEARTBEAT_INTERVAL_S = 300;

type Answer = (payload: Record<string, unknown>) => Record<string, unknown>;

const ANSWERS: Record<string, Answer> = {
  BootNotification: () => ({
    status: 'Accepted',
    currentTime: new Date().toISOString(),
    interval: HEARTBEAT_INTERVAL_S,
  }),
  Heartbeat: () => ({ currentTime: new Date().toISOString() }),
  StatusNotification: () => ({}),
  Authorize: () => ({ idTagInfo: { status: 'Accepted' } }),
};

export async function handler(event: MessageEvent): Promise<MessageResult> {
  const reply = answer(event.body ?? '');
  return reply === undefined ? { statusCode: 200 } : { statusCode: 200, body: JSON.stringify(reply) };
}

function answer(text: string): unknown[] | undefined {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return callError('-1', 'FormationViolation', 'message is not JSON');
  }
  if (!Array.isArray(message) || typeof message[0] !== 'number')
    return callError('-1', 'FormationViolation', 'an OCPP-J message is a JSON array starting with its type');
  const [type, id] = message as [number, unknown];
  if (type === 3 || type === 4) return undefined;
  if (type !== 2 || typeof id !== 'string' || typeof message[2] !== 'string') {
    return callError(
      typeof id === 'string' ? id : '-1',
      'FormationViolation',
      'a CALL is [2, "<unique id>", "<action>", {payload}]',
    );
  }
  const action = message[2] as string;
  const respond = ANSWERS[action];
  if (respond === undefined) return callError(id, 'NotImplemented', `${action} is not implemented by this CSMS`);
  const payload = message[3];
  return [3, id, respond(payload !== null && typeof payload === 'object' ? (payload as Record<string, unknown>) : {})];
}

function callError(id: string, code: string, description: string): unknown[] {
  return [4, id, code, description, {}];
}
