/**
 * Chat room: AWS's `simple-websockets-chat-app` rebuilt from the config. `$connect` and `$disconnect` put and delete
 * the session record (the default DynamoDB integrations, no Lambda); `sendmessage` broadcasts the message's `data`
 * to every connection, the sender's included, and removes the record of any connection that is gone (410), as the
 * AWS sample does. Its function may read and write the sessions table and post to `@connections`, nothing else.
 * A client sends `{"action": "sendmessage", "data": "hello"}`.
 *
 * Each message is also kept for a day in the declared `messages` table (`tables`), which `sendmessage` may write and
 * `history` may only read: `{"action": "history"}` answers the latest messages, newest first.
 */
import { defineConfig } from '../../generator/config/index.ts';

export default defineConfig({
  description: 'Chat room: sendmessage broadcasts data to every connection',
  stage: { name: 'chat' },
  sessions: { ttl: { seconds: 7200 }, store: { path: false, headers: false, querystring: false } },
  routes: {
    sendmessage: {
      integration: 'lambda',
      handler: 'handlers/send-message.ts',
      // The AWS sample answers nothing: the sender receives its message like everyone else.
      reply: false,
      access: { sessions: ['read', 'write'], connections: ['post'], tables: { messages: ['write'] } },
      // What the smoke suite checks of this code, locally and after each deploy: a broadcast reaches everyone.
      smoke: { send: 'hello from {{run}}', expect: { sender: 'hello from {{run}}', others: 'hello from {{run}}' } },
    },
    history: {
      integration: 'lambda',
      handler: 'handlers/history.ts',
      access: { tables: { messages: ['read'] } },
    },
  },
  tables: {
    messages: {
      partitionKey: { name: 'room' },
      sortKey: { name: 'messageId' },
      ttlAttribute: 'expiresAt',
    },
  },
  edge: { enabled: false },
  observability: { accessLogs: { enabled: false }, tracing: false },
});
