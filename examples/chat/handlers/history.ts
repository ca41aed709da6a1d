/**
 * `history`: `{"action": "history"}` answers the latest messages of the room, newest first (the route replies).
 * Its function may only read the `messages` table: nothing else is granted.
 */
import { messagesTable } from './messages.ts';

const LIMIT = 20;
const messages = messagesTable();

export async function handler(): Promise<{ statusCode: number; body: string }> {
  return { statusCode: 200, body: JSON.stringify({ messages: await messages.latest(LIMIT) }) };
}
