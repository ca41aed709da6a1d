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
  let idleTimer: NodeJS.Timeout | undefined;
  const stopIdleTimer = (): void => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = undefined;
  };
  const armIdleTimer = (): void => {
    stopIdleTimer();
    idleTimer = setTimeout(() => {
      options.onIdle?.();
      viewer.destroy();
      origin.destroy();
    }, options.idleTimeoutMs);
  };

  // Client → server traffic alone does not keep the connection open, so only origin data re-arms the timer.
  origin.on('data', armIdleTimer);
  viewer.pipe(origin);
  origin.pipe(viewer);
  armIdleTimer();

  // When one side goes away, finish the other (flushing what is queued), and destroy it on errors.
  for (const [side, other] of [[viewer, origin], [origin, viewer]] as const) {
    side.on('error', () => other.destroy());
    side.on('close', () => {
      stopIdleTimer();
      if (!other.destroyed) other.end();
    });
  }
}
