import type { Duplex } from 'node:stream';

/**
 * Watches the raw bytes a client sends and reports any frame whose payload is larger
 * than `frameBytes` (API Gateway closes with 1009 on a > 32 KB frame). `ws` only limits
 * whole messages (`maxPayload`), so the frame headers are parsed here, alongside ws:
 * the listener is prepended, so it sees each chunk before ws does. Compression is
 * off, so the wire payload length is the data length. Bytes the client sent in the
 * same packet as the upgrade request are not inspected (clients wait for the 101).
 */
const EMPTY = Buffer.alloc(0);

export function watchFrameSizes(
  socket: Duplex,
  frameBytes: number,
  onOversizedFrame: (payloadBytes: number) => void,
): () => void {
  /** A frame header split across chunks, collected until complete. */
  let partial = EMPTY;
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
      let payloadBytes: number;
      const available = chunk.length - offset;
      const inPlace = partial.length === 0 && available >= 2 ? headerLength(chunk[offset + 1] ?? 0) : Infinity;
      if (inPlace <= available) {
        // The usual case: the whole header is in this chunk; read it where it is.
        payloadBytes = payloadLength(chunk, offset);
        offset += inPlace;
      } else {
        const needed = partial.length < 2 ? 2 : headerLength(partial[1] ?? 0);
        const take = Math.min(needed - partial.length, available);
        partial = Buffer.concat([partial, chunk.subarray(offset, offset + take)]);
        offset += take;
        if (partial.length < 2 || partial.length < headerLength(partial[1] ?? 0)) continue; // read more
        payloadBytes = payloadLength(partial, 0);
        partial = EMPTY;
      }
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

/** Header size from its second byte: 2 bytes, then extended length and the mask key. */
function headerLength(second: number): number {
  const lengthCode = second & 0x7f;
  const extended = lengthCode === 126 ? 2 : lengthCode === 127 ? 8 : 0;
  const mask = second & 0x80 ? 4 : 0;
  return 2 + extended + mask;
}

/** The payload length of the complete header that starts at `at`. */
function payloadLength(bytes: Buffer, at: number): number {
  const lengthCode = (bytes[at + 1] ?? 0) & 0x7f;
  if (lengthCode === 126) return bytes.readUInt16BE(at + 2);
  if (lengthCode === 127) return Number(bytes.readBigUInt64BE(at + 2));
  return lengthCode;
}
