/** The console feed reads session records only while a page watches: none with no page, each open one once on attach. */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, it } from 'node:test';
import { setImmediate as nextPass } from 'node:timers/promises';
import { createConsoleFeed } from '../../local/console/feed.ts';
import { createLogHub } from '../../local/shared/log-hub.ts';

/** What the feed writes to a page: the Server-Sent Events, in order. */
class RecordingPage extends EventEmitter {
  readonly chunks: string[] = [];
  writeHead(): this {
    return this;
  }
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return true;
  }
  end(): this {
    this.emit('close');
    return this;
  }
  events(name: string): unknown[] {
    return this.chunks
      .filter((chunk) => chunk.startsWith(`event: ${name}\n`))
      .map((chunk) => JSON.parse(chunk.split('\ndata: ')[1] ?? 'null') as unknown);
  }
}

function feedWithRecords(failFor: Set<string> = new Set()) {
  const reads: string[] = [];
  const open = new Set<string>();
  const feed = createConsoleFeed({
    connections: {
      ids: () => [...open],
      describe: (id) =>
        open.has(id)
          ? { id, connectedAt: 1, lastActiveAt: 1, sourceIp: '127.0.0.1', headers: {}, query: {} }
          : undefined,
    },
    sessionRecord: async (id) => {
      reads.push(id);
      if (failFor.has(id)) throw new Error(`no table for ${id}`);
      return { connectionid: { S: id } };
    },
    executions: () => [],
    history: () => undefined,
    manageConnection: async () => ({ statusCode: 200, body: '' }),
    logs: createLogHub(),
  });
  const openConnection = (id: string) => {
    open.add(id);
    feed.observer.opened?.(id);
  };
  const closeConnection = (id: string) => {
    open.delete(id);
    feed.observer.closed?.(id, 1000, '');
  };
  return { feed, reads, openConnection, closeConnection };
}

describe('console feed: session records', () => {
  it('reads none while no page is open, then each open connection once when a page attaches, and new ones as they open', async () => {
    const { feed, reads, openConnection, closeConnection } = feedWithRecords();
    openConnection('A');
    openConnection('B');
    openConnection('gone');
    closeConnection('gone');
    await nextPass();
    assert.deepEqual(reads, [], 'no page: no GetItem per connection');

    const page = new RecordingPage();
    feed.attach(page as unknown as ServerResponse);
    const second = new RecordingPage();
    feed.attach(second as unknown as ServerResponse); // a second page while the reads are pending: no second read
    await nextPass();
    assert.deepEqual(reads.sort(), ['A', 'B']);
    assert.deepEqual(page.events('session'), [
      { id: 'A', session: { connectionid: { S: 'A' } } },
      { id: 'B', session: { connectionid: { S: 'B' } } },
    ]);

    openConnection('C');
    await nextPass();
    assert.deepEqual(reads.sort(), ['A', 'B', 'C']);
    assert.deepEqual(
      page.events('connection').map((view) => (view as { id: string }).id),
      ['C'],
    );
    feed.attach(new RecordingPage() as unknown as ServerResponse); // records already read are not read again
    await nextPass();
    assert.deepEqual(reads.sort(), ['A', 'B', 'C']);
    const snapshot = page.events('snapshot')[0] as { connections: Array<{ id: string; session?: unknown }> };
    assert.deepEqual(
      snapshot.connections.map((connection) => connection.id),
      ['A', 'B'],
    );
  });

  it('drops a record that arrives after its connection closed, and reads a failed one again on the next attach', async () => {
    const failing = new Set(['F']);
    const { feed, reads, openConnection, closeConnection } = feedWithRecords(failing);
    openConnection('F');
    openConnection('X');
    const page = new RecordingPage();
    feed.attach(page as unknown as ServerResponse);
    closeConnection('X'); // closes while its read is pending
    await nextPass();
    assert.deepEqual(page.events('session'), []);
    failing.clear();
    feed.attach(new RecordingPage() as unknown as ServerResponse);
    await nextPass();
    assert.deepEqual(reads, ['F', 'X', 'F']);
    assert.deepEqual(page.events('session'), [{ id: 'F', session: { connectionid: { S: 'F' } } }]);
  });
});
