/**
 * Decodes the embedded wasm bytes (src/wasm/embedded/, written by scripts/embed-wasm.mjs). Every
 * byte is one or two printable ASCII symbols, so no bundler escapes them and gzip sees the binary's
 * repeats (the script's header has the measurements).
 * @module
 */

import { EMBED_SINGLES } from './embedded/alphabet.js';

/** Printable ASCII minus the quote and the backslash. */
const SYMBOL_COUNT = 93;

/** Index of the symbol `char` among the 93: its offset from ' ', skipping `'` (0x27) and `\` (0x5c). */
const symbol = (char: number): number => char - 0x20 - (char > 0x27 ? 1 : 0) - (char > 0x5c ? 1 : 0);

/** The bytes `text` encodes. */
export function decodeEmbedded(text: string): Uint8Array {
  // Byte values by code rank: the one-symbol values ascending, then the rest ascending.
  const singles: number[] = [];
  const pairs: number[] = [];
  for (let byte = 0; byte < 256; byte++) ((Number.parseInt(EMBED_SINGLES[byte >> 2]!, 16) >> (byte & 3)) & 1 ? singles : pairs).push(byte);
  const order = singles.concat(pairs);
  const bytes = new Uint8Array(text.length);
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    let rank = symbol(text.charCodeAt(i));
    // A prefix symbol: the next symbol picks one of the two-symbol values.
    if (rank >= singles.length) rank = singles.length + (rank - singles.length) * SYMBOL_COUNT + symbol(text.charCodeAt(++i));
    bytes[length++] = order[rank]!;
  }
  return bytes.subarray(0, length);
}
