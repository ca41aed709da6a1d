/**
 * `SendToIdentityFunction`: backends invoke it with IAM (`lambda:InvokeFunction` on the function; `aws lambda invoke`
 * or an SDK) with `{"identity": "CP001", "data": …}`; it posts `data` to every connection of that identity (a string
 * as-is, anything else as JSON), removes records of connections that are gone, and returns
 * `{"identity", "delivered", "removedStale"}`. A bad request is a function error naming what is wrong. No route
 * reaches it: clients cannot address other connections.
 */
import { sendToIdentity, type DeliveryReport } from './lib/identity.ts';
import { identityLookupFromEnvironment, parseSendRequest } from './lib/send-request.ts';

const lookup = identityLookupFromEnvironment();

export async function handler(event: unknown): Promise<DeliveryReport> {
  const request = parseSendRequest(event);
  if (typeof request === 'string') throw new BadSendRequest(request);
  return sendToIdentity(lookup, request.identity, request.payload);
}

class BadSendRequest extends Error {
  override name = 'BadSendRequest';
}
