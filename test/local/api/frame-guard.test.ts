import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { watchFrameSizes } from '../../../local/api/frame-guard.ts';

/** A masked client frame header (RFC 6455 §5.2) for a payload of `length` bytes, then the payload. */
function maskedFrame(length: number): Buffer {
  const header =
    length < 126
      ? Buffer.from([0x81, 0x80 | length])
      : length < 65536
        ? Buffer.from([0x81, 0x80 | 126, length >> 8, length & 0xff])
        : Buffer.concat([
            Buffer.from([0x81, 0x80 | 127]),
            (() => {
              const b = Buffer.alloc(8);
              b.writeBigUInt64BE(BigInt(length));
              return b;
            })(),
          ]);
  return Buffer.concat([header, Buffer.from([1, 2, 3, 4]), Buffer.alloc(length, 0x61)]);
}

/** Feeds `bytes` in chunks of `chunkSize` and returns the oversized payload sizes reported. */
function feed(bytes: Buffer, chunkSize: number, limit: number): number[] {
  const socket = new PassThrough();
  const reported: number[] = [];
  const stop = watchFrameSizes(socket, limit, (size) => reported.push(size));
  for (let at = 0; at < bytes.length; at += chunkSize) socket.emit('data', bytes.subarray(at, at + chunkSize));
  stop();
  return reported;
}

describe('frame guard', () => {
  const stream = Buffer.concat([maskedFrame(5), maskedFrame(300), maskedFrame(40_000), maskedFrame(70_000)]);

  for (const chunkSize of [1, 3, 7, 1000, stream.length]) {
    it(`finds the first frame over the limit whatever the chunking (${chunkSize}-byte chunks)`, () => {
      assert.deepEqual(feed(stream, chunkSize, 32_768), [40_000]);
      assert.deepEqual(feed(stream, chunkSize, 65_536), [70_000]);
      assert.deepEqual(feed(stream, chunkSize, 100_000), []);
    });
  }
});
