/**
 * `compose` of the workflows example, called by the greet workflow (`arn:aws:states:::lambda:invoke`): the
 * greeting for the caller, by the name in the message's data or else the `name` query parameter of its
 * connection (from its session record, which the workflow read from DynamoDB before).
 */
interface ComposeEvent {
  data?: unknown;
  /** The session record's `connectedAt` and `querystring`, in DynamoDB's JSON. */
  session: { connectedAt?: { N?: string }; querystring?: { M?: Record<string, { S?: string }> } };
}

/** Longer names are refused: the workflow catches the RangeError and tells the caller. */
const MAX_NAME_LENGTH = 64;

export async function handler(event: ComposeEvent): Promise<{ text: string }> {
  const fromData =
    typeof event.data === 'object' && event.data !== null ? (event.data as { name?: unknown }).name : undefined;
  const name = typeof fromData === 'string' ? fromData : (event.session.querystring?.M?.['name']?.S ?? 'stranger');
  if (name.length > MAX_NAME_LENGTH) throw new RangeError(`name is longer than ${MAX_NAME_LENGTH} characters`);
  const connectedAt = Number(event.session.connectedAt?.N);
  const since = Number.isFinite(connectedAt) ? ` You connected at ${new Date(connectedAt).toISOString()}.` : '';
  return { text: `Hello, ${name}!${since}` };
}
