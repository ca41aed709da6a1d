import type { Duplex } from 'node:stream';

/**
 * How much one client's socket may feed the gateway per turn of the event loop. libuv reads a busy socket up to 32
 * times 64 KB per turn, and `ws` handles every message in those bytes at once: eight clients flooding the `$default`
 * route kept a single turn busy for seconds, so even SIGTERM waited (issue 13, finding 6). A socket past its budget is
 * paused until the next turn, and the kernel's TCP buffers hold the rest, as they would in front of any busy server.
 * Clients that send less than the budget per turn (every interactive client) are never paused.
 */
export interface ReadBudget {
  /** Counts what `socket` delivers; the returned function stops counting (and resumes it if paused). */
  watch(socket: Duplex): () => void;
}

export function createReadBudget(bytesPerTurn: number): ReadBudget {
  let turn = 0;
  let turnEndScheduled = false;
  const paused = new Set<Duplex>();
  const endTurn = (): void => {
    turn++;
    turnEndScheduled = false;
    for (const socket of paused) if (!socket.destroyed) socket.resume();
    paused.clear();
  };
  return {
    watch(socket) {
      let used = 0;
      let usedInTurn = -1;
      const onData = (chunk: Buffer): void => {
        if (usedInTurn !== turn) {
          usedInTurn = turn;
          used = 0;
          if (!turnEndScheduled) {
            turnEndScheduled = true;
            setImmediate(endTurn); // one per turn for all sockets, not one per chunk
          }
        }
        used += chunk.length;
        if (used >= bytesPerTurn && !paused.has(socket)) {
          paused.add(socket);
          socket.pause();
        }
      };
      socket.on('data', onData);
      return () => {
        socket.off('data', onData);
        if (paused.delete(socket) && !socket.destroyed) socket.resume();
      };
    },
  };
}
