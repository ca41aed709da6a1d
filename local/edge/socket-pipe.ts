/**
 * After both handshakes the edge relays WebSocket bytes unchanged, so text stays text, binary stays binary and
 * close frames (codes and reasons) reach the other side exactly as sent.
 */
import type { Duplex } from 'node:stream';

/** The idle rule is not here: it watches the viewer's socket (idle-close.ts), whichever origin path is used. */
export function pipeWebSocketBytes(viewer: Duplex, origin: Duplex): void {
  viewer.pipe(origin);
  origin.pipe(viewer);

  // When one side goes away, finish the other (flushing what is queued), and destroy it on errors.
  for (const [side, other] of [
    [viewer, origin],
    [origin, viewer],
  ] as const) {
    side.on('error', () => other.destroy());
    side.on('close', () => {
      // end() on an already ended stream builds an error object (with a stack trace) nobody reads.
      if (!other.destroyed && !other.writableEnded) other.end();
    });
  }
}
