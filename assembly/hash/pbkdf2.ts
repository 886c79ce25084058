/**
 * PBKDF2 with HMAC-SHA256 as the PRF, RFC 8018 §5.2 (PKCS #5 v2.1).
 * https://www.rfc-editor.org/rfc/rfc8018#section-5.2
 *
 * The password enters only as its HMAC key state (inner ‖ outer midstate, hash/hmac.ts), so every
 * iteration U_j = PRF(P, U_{j-1}) costs exactly two SHA-256 compressions: the 32-byte U_{j-1} plus
 * its padding fits one block after the inner midstate, and the 32-byte inner digest plus padding
 * fits one block after the outer midstate (RFC 2104 §4 "implementation note").
 * Constant-time in the password, salt and intermediate values (the iteration count and lengths
 * are public).
 * @module
 */

import { wipe } from "../util/ct";
import { hmacCompute } from "./hmac";
import { SHA256_BLOCK, SHA256_STATE, sha256Compress, sha256Output, sha256Wipe } from "./sha256";

/** hLen of RFC 8018 §5.2 for HMAC-SHA256. */
export const PBKDF2_SHA256_HLEN: usize = 32;

/**
 * One pre-padded SHA-256 block whose first 32 bytes receive a 32-byte message: FIPS 180-4 §5.1.1
 * padding for a message that follows one 64-byte key block, i.e. 96 bytes = 768 bits in total.
 */
const U_BLOCK: usize = memory.data(64);
/** Chaining state resumed from a midstate for one compression. */
const CHAIN: usize = memory.data(32);
/** T_i, the running XOR of U_1 … U_c (RFC 8018 §5.2 step 3). */
const T: usize = memory.data(32);

/** Writes the constant padding of a 32-byte message after a 64-byte prefix into `U_BLOCK`. */
function padUBlock(): void {
  memory.fill(U_BLOCK + 32, 0, 32);
  store<u8>(U_BLOCK + 32, 0x80);
  // Length in bits, big-endian, in the last 8 bytes: (64 + 32) * 8 = 768 = 0x0300.
  store<u8>(U_BLOCK + 62, 0x03);
}

/**
 * Derives `dkLen` bytes into `out` from the HMAC-SHA256 key state at `state` (the password's
 * midstates), the `saltLen`-byte salt at `salt` and `iterations` (c ≥ 1). The 4 bytes after the
 * salt are used as workspace for INT(i) (RFC 8018 §5.2 step 3), so `salt` must have room for
 * `saltLen + 4` bytes. Constant-time in the secret inputs; wipes every buffer it used.
 */
export function pbkdf2HmacSha256(state: usize, salt: usize, saltLen: usize, iterations: u32, out: usize, dkLen: usize): void {
  padUBlock();
  const inner = state;
  const outer = state + SHA256_STATE;
  // RFC 8018 §5.2 step 2: l = CEIL(dkLen / hLen) blocks; the last one is truncated (step 4).
  let done: usize = 0;
  for (let i: u32 = 1; done < dkLen; i++) {
    // Step 3: U_1 = PRF(P, S ‖ INT(i)), INT(i) a four-octet big-endian integer.
    store<u32>(salt + saltLen, bswap<u32>(i));
    hmacCompute(256, state, salt, saltLen + 4, U_BLOCK);
    memory.copy(T, U_BLOCK, PBKDF2_SHA256_HLEN);
    // U_j = PRF(P, U_{j-1}) for j = 2..c, each as two compressions from the midstates.
    for (let j: u32 = 1; j < iterations; j++) {
      memory.copy(CHAIN, inner, SHA256_STATE);
      sha256Compress(CHAIN, U_BLOCK);
      sha256Output(CHAIN, U_BLOCK); // the inner digest H(K⊕ipad ‖ U_{j-1}) replaces U_{j-1}
      memory.copy(CHAIN, outer, SHA256_STATE);
      sha256Compress(CHAIN, U_BLOCK);
      sha256Output(CHAIN, U_BLOCK); // U_j
      // T_i ^= U_j, four 64-bit words.
      store<u64>(T, load<u64>(T) ^ load<u64>(U_BLOCK));
      store<u64>(T, load<u64>(T, 8) ^ load<u64>(U_BLOCK, 8), 8);
      store<u64>(T, load<u64>(T, 16) ^ load<u64>(U_BLOCK, 16), 16);
      store<u64>(T, load<u64>(T, 24) ^ load<u64>(U_BLOCK, 24), 24);
    }
    const take = min(PBKDF2_SHA256_HLEN, dkLen - done);
    memory.copy(out + done, T, take);
    done += take;
  }
  store<u32>(salt + saltLen, 0);
  wipe(U_BLOCK, SHA256_BLOCK);
  wipe(CHAIN, SHA256_STATE);
  wipe(T, PBKDF2_SHA256_HLEN);
  sha256Wipe();
}
