/**
 * The per-turn read budget (read-budget.ts): a socket that delivers more than its budget in one event-loop turn is
 * paused until the next turn, so one flooding client cannot keep a turn (and every timer and signal) waiting; nothing
 * it sent is lost. A client within its budget is never paused.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';
import { describe, it } from 'node:test';
import { createReadBudget } from '../../../local/api/read-budget.ts';

const BUDGET = 4096;
const MAX_CHUNK = 65_536; // one read from the kernel

/** A loopback TCP connection: the client's end and the server's accepted socket. */
async function socketPair(): Promise<{ server: Server; client: Socket; socket: Socket }> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
  const [socket] = await accepted;
  return { server, client, socket };
}

describe('api gateway: read budget per event-loop turn', () => {
  it('pauses a flooding socket for the rest of the turn, and delivers every byte over the following turns', async () => {
    const budget = createReadBudget(BUDGET);
    const { server, client, socket } = await socketPair();
    const total = 4 * 1024 * 1024;
    const perTurn: number[] = [];
    let thisTurn = 0;
    let received = 0;
    let turnMarked = false;
    // Registered before the budget's listener: sees every chunk; a turn ends at the next immediate.
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      thisTurn += chunk.length;
      if (!turnMarked) {
        turnMarked = true;
        setImmediate(() => {
          perTurn.push(thisTurn);
          thisTurn = 0;
          turnMarked = false;
        });
      }
    });
    const stop = budget.watch(socket);
    client.end(Buffer.alloc(total, 'x'));
    await once(socket, 'end');
    await new Promise((resolve) => setImmediate(resolve));
    stop();
    socket.destroy();
    server.close();
    assert.equal(received, total);
    assert.ok(perTurn.length > 1, 'the flood took more than one turn');
    assert.ok(
      Math.max(...perTurn) < BUDGET + MAX_CHUNK,
      `at most the budget plus one read per turn, got ${Math.max(...perTurn)}`,
    );
  });

  it('never pauses a socket that stays within its budget', async () => {
    const budget = createReadBudget(BUDGET);
    const { server, client, socket } = await socketPair();
    const stop = budget.watch(socket);
    let paused = 0;
    const pause = socket.pause.bind(socket);
    socket.pause = () => {
      paused++;
      return pause();
    };
    for (let i = 0; i < 20; i++) {
      client.write('small message');
      await once(socket, 'data');
      await new Promise((resolve) => setImmediate(resolve));
    }
    stop();
    client.destroy();
    socket.destroy();
    server.close();
    assert.equal(paused, 0);
  });
});
