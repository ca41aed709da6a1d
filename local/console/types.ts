import type { ConnectionSummary } from '../api/index.ts';
import type { LogHub } from '../shared/log-hub.ts';
import type { ExecutionRecord, HistoryEvent } from '../stepfunctions/index.ts';

/** What the console reads and drives; the stack hands it its services. */
export interface ConsoleSources {
  connections: { ids(): string[]; describe(id: string): ConnectionSummary | undefined };
  /** The connection's session record as stored (DynamoDB JSON), or undefined when the stack has none. */
  sessionRecord(connectionId: string): Promise<unknown>;
  executions(): Array<{ record: ExecutionRecord; events: number }>;
  history(executionArn: string): HistoryEvent[] | undefined;
  /** `@connections` on the local API: POST sends a message, DELETE closes the connection. */
  manageConnection(
    method: 'POST' | 'DELETE',
    connectionId: string,
    body?: string,
  ): Promise<{ statusCode: number; body: string }>;
  logs: LogHub;
}

/** One message of a connection, as the console keeps it. */
export interface RecentMessage {
  time: number;
  direction: 'in' | 'out';
  text: string;
}
