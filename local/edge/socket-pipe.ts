/**
 * After both handshakes the edge relays WebSocket bytes unchanged, so text stays text, binary stays binary and
 * close frames (codes and reasons) reach the other side exactly as sent.
 */
import type { Duplex } from 'node:stream';

export interface PipeOptions {
  /** CloudFront closes when no bytes went origin → viewer for this long (10 minutes). */
  idleTimeoutMs: number;
  onIdle?: () => void;
}

export function pipeWebSocketBytes(viewer: Duplex, origin: Duplex, options: PipeOptions): void {
  // One timer per connection, pushed back with refresh() on every origin chunk (no new timer per message).
  const idleTimer = setTimeout(() => {
    options.onIdle?.();
    viewer.destroy();
    origin.destroy();
  }, options.idleTimeoutMs);
  const stopIdleTimer = (): void => clearTimeout(idleTimer);

  // Client → server traffic alone does not keep the connection open, so only origin data re-arms the timer.
  origin.on('data', () => idleTimer.refresh());
  viewer.pipe(origin);
  origin.pipe(viewer);

  // When one side goes away, finish the other (flushing what is queued), and destroy it on errors.
  for (const [side, other] of [[viewer, origin], [origin, viewer]] as const) {
    side.on('error', () => other.destroy());
    side.on('close', () => {
      stopIdleTimer();
      // end() on an already ended stream builds an error object (with a stack trace) nobody reads.
      if (!other.destroyed && !other.writableEnded) other.end();
    });
  }
}
