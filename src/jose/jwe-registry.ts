/**
 * Every JWE key-management algorithm by name (the JWE twin of registry.ts): a token header names
 * its `alg`, so decryption must know every family, and importing this module brings them all in.
 * @module
 */

import type { KeyManagementEntry } from '../families/jwe/entry.js';
import { keyManagementEntry } from '../families/jwe/entry.js';
import * as ecdh from '../families/jwe/ecdh.js';
import * as oct from '../families/jwe/oct.js';
import * as pbes2 from '../families/jwe/pbes2.js';
import * as rsaOaep from '../families/jwe/rsa-oaep.js';

/** Every key-management algorithm, each once: the constants each family module exports. */
export const KEY_MANAGEMENT: readonly KeyManagementEntry[] = [
  oct.dir,
  oct.A128KW,
  oct.A256KW,
  oct.A128GCMKW,
  oct.A256GCMKW,
  ecdh.ECDH_ES,
  ecdh.ECDH_ES_A128KW,
  ecdh.ECDH_ES_A256KW,
  rsaOaep.RSA_OAEP,
  rsaOaep.RSA_OAEP_256,
  pbes2.PBES2_HS256_A128KW,
  pbes2.PBES2_HS512_A256KW,
].map(keyManagementEntry);
