import { z } from 'zod';
import { freeText, utf8Bytes } from './names.ts';

/** Written where the smoke run puts a fresh id, so one run's messages never satisfy another's (deployed stacks are shared). */
export const SMOKE_RUN_PLACEHOLDER = '{{run}}';

/** Small enough to sit in the stack's SmokeRoutes output with the other routes. */
const SEND_LIMIT_BYTES = 1024;

const expectedText = freeText
  .min(1, 'must not be empty')
  .refine((text) => utf8Bytes(text) <= 256, 'must be at most 256 bytes of UTF-8');

/**
 * What a smoke run checks of a route whose code is yours (a Lambda, an ASL definition): it sends `send` as the
 * message's `data` (for `$default`, as the whole message), then waits for a message containing `expect.sender` on
 * the sending connection and/or `expect.others` on a second connection opened first (a broadcast). `{{run}}` in any
 * of them is replaced by the run's id. Without it the run checks only that the route answers or stays silent
 * without an error.
 * @example { send: 'hello {{run}}', expect: { sender: 'hello {{run}}', others: 'hello {{run}}' } }
 */
export const smokeCheckSchema = z
  .object({
    send: z
      .json()
      .refine(
        (value) => utf8Bytes(JSON.stringify(value)) <= SEND_LIMIT_BYTES,
        `must be at most ${SEND_LIMIT_BYTES} bytes as JSON`,
      ),
    expect: z
      .object({ sender: expectedText.optional(), others: expectedText.optional() })
      .strict()
      .refine((expect) => expect.sender !== undefined || expect.others !== undefined, {
        message: 'must name sender, others or both: what a connection receives when the route works',
      }),
  })
  .strict();

export type SmokeCheck = z.output<typeof smokeCheckSchema>;
