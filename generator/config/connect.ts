import { z } from 'zod';

/**
 * Handshake options for `$connect`. Authorizers and subprotocol negotiation are planned;
 * the model reserves their place so configs stay forward-compatible.
 */
export const connectSchema = z.object({
  /** Who may connect. Only 'NONE' is implemented for now. @default { type: 'NONE' } */
  authorization: z.object({ type: z.literal('NONE') }).strict().prefault({ type: 'NONE' }),
  /** Accepted subprotocols, in order of preference. Only [] is implemented for now. @default [] */
  subprotocols: z.array(z.string()).max(0, 'subprotocol negotiation is not implemented yet; leave it empty').default([]),
}).strict();

export type ConnectConfig = z.output<typeof connectSchema>;
