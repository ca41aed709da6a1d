import type { Duplex } from 'node:stream';

/**
 * Watches the raw bytes a client sends and reports any frame whose payload is larger
 * than `frameBytes` (API Gateway closes with 1009 on a > 32 KB frame). `ws` only limits
 * whole messages (`maxPayload`), so the frame headers are parsed here, alongside ws:
 * the listener is prepended, so it sees each chunk before ws does. Compression is
 * off, so the wire payload length is the data length. Bytes the client sent in the
 * same packet as the upgrade request are not inspected (clients wait for the 101).
 */
export function watchFrameSizes(socket: Duplex, frameBytes: number, onOversizedFrame: (payloadBytes: number) => void): () => void {
  let header = Buffer.alloc(0);
  let payloadLeft = 0;
  let reported = false;

  const onData = (chunk: Buffer) => {
    let offset = 0;
    while (offset < chunk.length && !reported) {
      if (payloadLeft > 0) {
        const skip = Math.min(payloadLeft, chunk.length - offset);
        payloadLeft -= skip;
        offset += skip;
        continue;
      }
      const needed = headerLength(header);
      const take = Math.min(needed - header.length, chunk.length - offset);
      header = Buffer.concat([header, chunk.subarray(offset, offset + take)]);
      offset += take;
      if (header.length < headerLength(header)) continue; // length bytes grew the header; read more
      const payloadBytes = payloadLength(header);
      header = Buffer.alloc(0);
      if (payloadBytes > frameBytes) {
        reported = true;
        onOversizedFrame(payloadBytes);
        return;
      }
      payloadLeft = payloadBytes;
    }
  };
  socket.prependListener('data', onData);
  return () => socket.removeListener('data', onData);
}

/** Total header size known so far: 2 bytes, then extended length and the mask key. */
function headerLength(header: Buffer): number {
  if (header.length < 2) return 2;
  const second = header[1] ?? 0;
  const lengthCode = second & 0x7f;
  const extended = lengthCode === 126 ? 2 : lengthCode === 127 ? 8 : 0;
  const mask = second & 0x80 ? 4 : 0;
  return 2 + extended + mask;
}

function payloadLength(header: Buffer): number {
  const lengthCode = (header[1] ?? 0) & 0x7f;
  if (lengthCode === 126) return header.readUInt16BE(2);
  if (lengthCode === 127) return Number(header.readBigUInt64BE(2));
  return lengthCode;
}
