/**
 * PBKDF2 with HMAC-SHA256 as the PRF, RFC 8018 §5.2 (PKCS #5 v2.1).
 * https://www.rfc-editor.org/rfc/rfc8018#section-5.2
 *
 * The password enters only as its HMAC key state (inner ‖ outer midstate, hash/hmac.ts), so every
 * iteration U_j = PRF(P, U_{j-1}) costs exactly two SHA-256 compressions: the 32-byte U_{j-1} plus
 * its padding fills one block after the inner midstate, and the 32-byte inner digest plus padding
 * fills one block after the outer midstate (RFC 2104 §4 note on precomputed pads). U and T stay
 * as native-endian words in SHA-256's message schedule: the loop does no copies and no byte
 * swaps, only the two compressions and eight XORs.
 * Constant-time in the password, salt and intermediate values (the iteration count and lengths
 * are public).
 * @module
 */

import { wipe } from "../util/ct";
import { hmacCompute } from "./hmac";
import { SHA256_STATE, sha256CompressW, sha256MessageWords, sha256Wipe } from "./sha256";

/** hLen of RFC 8018 §5.2 for HMAC-SHA256. */
export const PBKDF2_SHA256_HLEN: usize = 32;

/** U_1 as bytes, as HMAC writes it. */
const U1: usize = memory.data(32);
/** T_i, the running XOR of U_1 … U_c (RFC 8018 §5.2 step 3), as native-endian words. */
const T: usize = memory.data(32);

/**
 * Derives `dkLen` bytes into `out` from the HMAC-SHA256 key state at `state` (the password's
 * midstates), the `saltLen`-byte salt at `salt` and `iterations` (c ≥ 1). The 4 bytes after the
 * salt are used as workspace for INT(i) (RFC 8018 §5.2 step 3), so `salt` must have room for
 * `saltLen + 4` bytes. Constant-time in the secret inputs; wipes every buffer it used.
 */
export function pbkdf2HmacSha256(state: usize, salt: usize, saltLen: usize, iterations: u32, out: usize, dkLen: usize): void {
  const inner = state;
  const outer = state + SHA256_STATE;
  const w = sha256MessageWords();
  // RFC 8018 §5.2 step 2: l = CEIL(dkLen / hLen) blocks; the last one is truncated (step 4).
  let done: usize = 0;
  for (let i: u32 = 1; done < dkLen; i++) {
    // Step 3: U_1 = PRF(P, S ‖ INT(i)), INT(i) a four-octet big-endian integer.
    store<u32>(salt + saltLen, bswap<u32>(i));
    hmacCompute(256, state, salt, saltLen + 4, U1);
    // Message block for U_j = PRF(P, U_{j-1}), j ≥ 2: U_{j-1} in W[0..7], then the FIPS 180-4
    // §5.1.1 padding of a 32-byte message after a 64-byte key block: 0x80, zeros, length 768 bits.
    for (let k: usize = 0; k < 8; k++) {
      const word = bswap<u32>(load<u32>(U1 + (k << 2)));
      store<u32>(w + (k << 2), word);
      store<u32>(T + (k << 2), word);
    }
    store<u32>(w, 0x80000000, 32);
    memory.fill(w + 36, 0, 24);
    store<u32>(w, 768, 60);
    for (let j: u32 = 1; j < iterations; j++) {
      sha256CompressW(inner, w); // W[0..7] = H(K⊕ipad ‖ U_{j-1}); W[8..15] keep the padding
      sha256CompressW(outer, w); // W[0..7] = U_j = H(K⊕opad ‖ inner digest)
      store<u64>(T, load<u64>(T, 0) ^ load<u64>(w, 0), 0);
      store<u64>(T, load<u64>(T, 8) ^ load<u64>(w, 8), 8);
      store<u64>(T, load<u64>(T, 16) ^ load<u64>(w, 16), 16);
      store<u64>(T, load<u64>(T, 24) ^ load<u64>(w, 24), 24);
    }
    // Step 4: T_i as big-endian bytes, truncated for the last block.
    for (let k: usize = 0; k < 8; k++) store<u32>(U1 + (k << 2), bswap<u32>(load<u32>(T + (k << 2))));
    const take = min(PBKDF2_SHA256_HLEN, dkLen - done);
    memory.copy(out + done, U1, take);
    done += take;
  }
  store<u32>(salt + saltLen, 0);
  wipe(U1, 32);
  wipe(T, 32);
  sha256Wipe();
}

/** U_j and T_i for PBKDF2-HMAC-SHA512 (hLen 64). */
const U512: usize = memory.data(64);
const T512: usize = memory.data(64);

/**
 * PBKDF2 with HMAC-SHA512 as the PRF (RFC 8018 §5.2), for JWE PBES2-HS512+A256KW (RFC 7518
 * §4.8): the plain loop U_j = PRF(P, U_{j-1}) over the password's HMAC key state at `state`, one
 * HMAC per iteration (the SHA-256 version above fuses the compressions; this one is for a
 * JWE-sized iteration count). Same layout and workspace rule as `pbkdf2HmacSha256`.
 * Constant-time in the secret inputs; wipes every buffer it used.
 */
export function pbkdf2HmacSha512(state: usize, salt: usize, saltLen: usize, iterations: u32, out: usize, dkLen: usize): void {
  let done: usize = 0;
  for (let i: u32 = 1; done < dkLen; i++) {
    store<u32>(salt + saltLen, bswap<u32>(i)); // step 3: INT(i), big-endian
    hmacCompute(512, state, salt, saltLen + 4, U512);
    memory.copy(T512, U512, 64);
    for (let j: u32 = 1; j < iterations; j++) {
      hmacCompute(512, state, U512, 64, U512);
      for (let k: usize = 0; k < 64; k += 8) store<u64>(T512 + k, load<u64>(T512 + k) ^ load<u64>(U512 + k));
    }
    const take = min(<usize>64, dkLen - done);
    memory.copy(out + done, T512, take);
    done += take;
  }
  store<u32>(salt + saltLen, 0);
  wipe(U512, 64);
  wipe(T512, 64);
}
