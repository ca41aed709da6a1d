import type { ServerResponse } from 'node:http';
import type { GatewayObserver } from '../api/index.ts';
import type { LogRecord } from '../shared/log.ts';
import type { ExecutionRecord } from '../stepfunctions/index.ts';
import { createRing, keptText } from './recent.ts';
import type { ConsoleSources, RecentMessage } from './types.ts';

const MESSAGES_PER_CONNECTION = 50;
const LOG_RECORDS = 300;

const executionSummary = ({ record, events }: { record: ExecutionRecord; events: number }) => ({
  executionArn: record.executionArn,
  stateMachineArn: record.stateMachineArn,
  name: record.name,
  status: record.status,
  startDate: record.startDate.getTime(),
  stopDate: record.stopDate?.getTime(),
  error: record.error,
  cause: record.cause,
  events,
});

/**
 * The console's live state and its event feed (Server-Sent Events): a bounded ring of recent messages per open
 * connection (filled by the gateway's observer: a push per message, nothing more when no page is open), the session
 * records (read while a page is open), recent log records, and execution updates (on each Step Functions log record naming an execution).
 */
export function createConsoleFeed(sources: ConsoleSources) {
  const clients = new Set<ServerResponse>();
  const messages = new Map<string, ReturnType<typeof createRing<RecentMessage>>>();
  const sessions = new Map<string, unknown>();
  const logRing = createRing<LogRecord>(LOG_RECORDS);

  const broadcast = (event: string, data: unknown): void => {
    if (clients.size === 0) return;
    const chunk = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const client of clients) client.write(chunk);
  };
  const connectionView = (id: string) => {
    const summary = sources.connections.describe(id);
    return summary && { ...summary, messages: messages.get(id)?.items() ?? [], session: sessions.get(id) };
  };

  const unsubscribe = sources.logs.subscribe((record) => {
    logRing.push(record);
    broadcast('log', record);
    const arn = record.fields?.['executionArn'];
    if (typeof arn === 'string') {
      const found = sources.executions().find(({ record: execution }) => execution.executionArn === arn);
      if (found) broadcast('execution', executionSummary(found));
    }
  }, 'info');

  // Session records are read (a GetItem each) only while a page watches: on its attach for the open connections, then
  // as connections open. Reading one per connection with no page open cost every connection a DynamoDB round trip.
  const reading = new Set<string>();
  const readSession = (id: string): void => {
    if (sessions.has(id) || reading.has(id)) return;
    reading.add(id);
    void sources.sessionRecord(id).then(
      (record) => {
        reading.delete(id);
        if (!messages.has(id)) return; // closed meanwhile
        sessions.set(id, record);
        broadcast('session', { id, session: record });
      },
      (error: unknown) => {
        reading.delete(id);
        sources.logs.forService('console')(`session record of ${id}: ${String(error)}`, 'warn');
      },
    );
  };

  const observer: GatewayObserver = {
    opened(id) {
      messages.set(id, createRing<RecentMessage>(MESSAGES_PER_CONNECTION));
      if (clients.size === 0) return;
      broadcast('connection', connectionView(id));
      readSession(id);
    },
    message(id, direction, text) {
      const ring = messages.get(id);
      if (ring === undefined) return;
      const message = { time: Date.now(), direction, text: keptText(text) };
      ring.push(message);
      // Checked here too: the event's object (a spread copy, two per echo message) is built only for a page.
      if (clients.size > 0) broadcast('message', { id, ...message });
    },
    closed(id, code, reason) {
      messages.delete(id);
      sessions.delete(id);
      broadcast('closed', { id, code, reason });
    },
  };

  return {
    observer,
    /** Starts a feed on `res`: the current state first, then every change. */
    attach(res: ServerResponse): void {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      const snapshot = {
        connections: sources.connections.ids().map(connectionView).filter(Boolean),
        executions: sources.executions().map(executionSummary),
        logs: logRing.items(),
      };
      res.write(`event: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`);
      clients.add(res);
      res.on('close', () => clients.delete(res));
      for (const id of messages.keys()) readSession(id);
    },
    close(): void {
      unsubscribe();
      for (const client of clients) client.end();
      clients.clear();
    },
  };
}

export type ConsoleFeed = ReturnType<typeof createConsoleFeed>;
