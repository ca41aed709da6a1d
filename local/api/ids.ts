import { createRandomText } from '../shared/random-text.ts';

const ID_BYTES = 11;
/** Ids drawn per refill of the random pool (two ids per message). */
const IDS_PER_REFILL = 512;

/**
 * A source of 16-character ids shaped like API Gateway's connection/request/message ids
 * (`BFHPhfCWIAMCKlQ=`): 11 random bytes in base64 with `-`/`_`, ending in `=`. The trailing `=`
 * is useful locally too: it forces clients to URL-encode the id. One source per gateway.
 */
export function createIdSource(): () => string {
  const draw = createRandomText(ID_BYTES, 'base64url', IDS_PER_REFILL);
  // base64url already maps + and / to - and _; it only leaves out the padding AWS ids keep.
  return () => `${draw()}=`;
}
