/**
 * CloudFront's idle rule, one implementation for both origin paths: no origin → viewer bytes for `idleTimeoutMs`
 * closes the connection (client → origin traffic alone does not keep it open). Both paths write the origin's bytes
 * to the viewer's socket (the relay pipes them, an in-process origin writes them itself), so the socket's byte count
 * is sampled twenty times per period instead of re-arming a timer on every chunk. The close comes at most one sample
 * (5 %) late.
 */
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export function closeWhenOriginIdle(viewer: Duplex, idleTimeoutMs: number, onIdle: () => void): void {
  const socket = viewer as Socket;
  const sampleMs = Math.max(1, Math.ceil(idleTimeoutMs / 20));
  let seenBytes = socket.bytesWritten;
  let quietSince = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    if (socket.bytesWritten !== seenBytes) {
      seenBytes = socket.bytesWritten;
      quietSince = now;
    } else if (now - quietSince >= idleTimeoutMs) {
      clearInterval(timer);
      onIdle();
      viewer.destroy();
    }
  }, sampleMs);
  viewer.once('close', () => clearInterval(timer));
}
