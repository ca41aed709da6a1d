import assert from 'node:assert/strict';

/** An AWS SDK v3 call that must fail: its error's name, HTTP status and message. */
export async function sdkFailureOf(
  call: Promise<unknown>,
): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await call;
  } catch (error) {
    const failure = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: failure.name, status: failure.$metadata?.httpStatusCode, message: failure.message };
  }
  throw new assert.AssertionError({ message: 'the call succeeded; a failure was expected' });
}
