/**
 * Test-only wasm entry, never part of the shipped module: compiled by tests/field.test.ts to check
 * the generated field and scalar arithmetic of assembly/field/ against BigInt, including the lazy
 * range [M, 2M) and both inversion algorithms (safegcd and the Fermat reference), for P-256, P-384
 * and 2^255 − 19.
 * @module
 */
export {
  p256FeAdd, p256FeAddL, p256FeSub2L, p256FeSub4L, p256FeSub8L, p256FeReduce, p256FeSub, p256FeMul, p256FeSqr, p256FeInv, p256FeInvFermat, p256FeFromBytes, p256FeToBytes,
  p256FeMulSub2L, p256FeSqrSub4L,
  p256ScAdd, p256ScSub, p256ScMul, p256ScSqr, p256ScInv, p256ScInvFermat, p256ScFromBytes, p256ScToBytes, p256InvPair,
} from "../field/p256";
export {
  p384FeAdd, p384FeAddL, p384FeSub2L, p384FeSub4L, p384FeSub8L, p384FeReduce, p384FeSub, p384FeMul, p384FeSqr, p384FeInv, p384FeInvFermat, p384FeFromBytes, p384FeToBytes,
  p384ScAdd, p384ScSub, p384ScMul, p384ScSqr, p384ScInv, p384ScInvFermat, p384ScFromBytes, p384ScToBytes,
} from "../field/p384";
export {
  p521FeAdd, p521FeAddL, p521FeSub2L, p521FeSub4L, p521FeSub8L, p521FeReduce, p521FeSub, p521FeMul, p521FeSqr, p521FeInv, p521FeInvFermat, p521FeFromBytes, p521FeToBytes,
  p521ScAdd, p521ScSub, p521ScMul, p521ScSqr, p521ScInv, p521ScInvFermat, p521ScFromBytes, p521ScToBytes,
} from "../field/p521";
export {
  feFromBytes as fe25519FromBytes, feToBytes as fe25519ToBytes, feInvert as fe25519Inv, feInvertFermat as fe25519InvFermat, feMul as fe25519Mul,
} from "../field/fe25519";
export { scratchBase } from "../util/scratch";
