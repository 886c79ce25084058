import { createPrivateKey, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CipherToken } from '../src/index.js';
import { exportEd25519Pem, importEd25519Jwk, importEd25519Key } from '../src/families/eddsa/keys.js';
import { prepareKey, signCompact, verifyCompact } from '../src/jose/compact.js';
import { ed25519VerifyingState } from '../src/families/eddsa/keys.js';
import {
  ed25519PrivateState,
  ed25519PublicState,
  ed25519Sign,
  ed25519Verify,
  publicKeyOfState,
  signEd25519Jws,
  verifyEd25519Jws,
} from '../src/wasm/ed25519.js';
import { hex, loadJson, toHex } from './vectors.js';

// RFC 8032 §7.1 (Ed25519). Each vector is also checked with node:crypto so a transcription error
// here cannot hide behind a matching bug in our code.
const RFC8032 = [
  {
    name: 'TEST 1',
    secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    public: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature:
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    name: 'TEST 2',
    secret: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    public: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature:
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    name: 'TEST 3',
    secret: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    public: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    message: 'af82',
    signature:
      '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
  {
    name: 'TEST SHA(abc)',
    secret: '833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42',
    public: 'ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf',
    message:
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    signature:
      'dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704',
  },
];

function nodePublicKey(pub: Uint8Array) {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(pub).toString('base64url') }, format: 'jwk' });
}

describe('RFC 8032 §7.1 test vectors', () => {
  for (const v of RFC8032) {
    it(v.name, () => {
      const msg = hex(v.message);
      expect(nodeVerify(null, msg, nodePublicKey(hex(v.public)), hex(v.signature))).toBe(true);
      const state = ed25519PrivateState(hex(v.secret));
      expect(toHex(publicKeyOfState(state))).toBe(v.public);
      expect(toHex(ed25519Sign(state, msg))).toBe(v.signature);
      const pub = ed25519PublicState(hex(v.public));
      expect(pub).not.toBeNull();
      expect(ed25519Verify(pub!, msg, hex(v.signature))).toBe(true);
      const tampered = hex(v.signature);
      tampered[0]! ^= 1;
      expect(ed25519Verify(pub!, msg, tampered)).toBe(false);
    });
  }
});

interface RfcExample {
  name: string;
  alg: string;
  jwk: Record<string, unknown>;
  jwk_public: Record<string, unknown>;
  protected_b64u: string;
  payload: string;
  signing_input: string;
  signature_b64u: string;
  compact: string;
}

const a4 = loadJson<{ examples: RfcExample[] }>('jose/rfc-examples.json').examples.find((e) => e.name === 'rfc8037-a4-eddsa-ed25519')!;

describe('RFC 8037 Appendix A.4 / A.5 (JWS with Ed25519)', () => {
  it('A.4: signing reproduces the compact serialization byte for byte', () => {
    const key = importEd25519Jwk(a4.jwk);
    expect(key.type).toBe('private');
    const state = ed25519PrivateState(hex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'));
    // The fused wasm path: header bytes + payload JSON text in, compact token out.
    const token = signEd25519Jws(state, new TextEncoder().encode(a4.protected_b64u), a4.payload);
    expect(token).toBe(a4.compact);
    expect(token.slice(token.lastIndexOf('.') + 1)).toBe(a4.signature_b64u);
  });

  it('A.5: the public JWK validates the example (fused path) and rejects modified tokens', () => {
    const key = importEd25519Jwk(a4.jwk_public);
    expect(key.type).toBe('public');
    const state = ed25519VerifyingState(key);
    const check = (token: string): string | null => verifyEd25519Jws(state, token, token.indexOf('.'), token.lastIndexOf('.'));
    expect(check(a4.compact)).toBe(a4.payload);
    const sig = a4.signature_b64u;
    const flipped = sig.slice(0, 10) + (sig[10] === 'A' ? 'B' : 'A') + sig.slice(11);
    expect(check(`${a4.signing_input}.${flipped}`)).toBeNull();
    expect(check(`${a4.protected_b64u}.${a4.signing_input.split('.')[1]}x.${sig}`)).toBeNull();
    expect(check(`${a4.signing_input}.${sig}A`)).toBeNull();
    const raw = ed25519PublicState(Buffer.from(String(a4.jwk_public.x), 'base64url'))!;
    expect(ed25519Verify(raw, new TextEncoder().encode(a4.signing_input), Buffer.from(sig, 'base64url'))).toBe(true);
  });

  it('A.4 key round-trips through PEM and agrees with node:crypto', () => {
    const key = importEd25519Jwk(a4.jwk);
    const privatePem = exportEd25519Pem(key, { includePrivate: true });
    const publicPem = exportEd25519Pem(key);
    expect(createPrivateKey(privatePem).export({ format: 'jwk' })).toMatchObject({ d: a4.jwk.d, x: a4.jwk.x });
    expect(createPublicKey(publicPem).export({ format: 'jwk' })).toMatchObject({ x: a4.jwk.x });
    const again = importEd25519Key(privatePem);
    const prepared = prepareKey(again);
    const token = signCompact(prepared, { sub: 'rfc8037' });
    expect(
      JSON.parse(verifyCompact(token, [prepareKey(importEd25519Key(publicPem))], { algorithms: new Set(['EdDSA']) }).payloadText),
    ).toEqual({ sub: 'rfc8037' });
    expect(new CipherToken({ secret: a4.jwk, algorithm: 'EdDSA', accessTtl: 60, refreshTtl: 600 }).algorithm).toBe('EdDSA');
  });
});
