import { describe, expect, it } from 'vitest';
import { KeyError } from '../src/core/errors.js';
import {
  DerReader,
  derBitString,
  derChildren,
  derContents,
  derNull,
  derOctetString,
  derOid,
  derSequence,
  derSequenceChildren,
  derSmallInteger,
  derUnsignedInteger,
  readDerSequence,
} from '../src/core/der.js';
import { decodePem, encodePem } from '../src/core/pem.js';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('strict DER reader and writer', () => {
  it('round-trips SEQUENCE, INTEGER, OID, NULL, BIT STRING and OCTET STRING', () => {
    const der = derSequence(
      derSmallInteger(0),
      derSequence(derOid('1.2.840.10045.3.1.7'), derNull()),
      derBitString(bytes(4, 1, 2)),
      derOctetString(bytes(9)),
      derUnsignedInteger(bytes(0, 0, 0x80, 1)),
    );
    const seq = readDerSequence(der);
    expect(seq.readSmallInteger()).toBe(0);
    const alg = seq.readSequence();
    expect(alg.readOid()).toBe('1.2.840.10045.3.1.7');
    alg.readNull();
    alg.end();
    expect(seq.readBitString()).toEqual(bytes(4, 1, 2));
    expect(seq.readOctetString()).toEqual(bytes(9));
    expect(seq.readUnsignedInteger()).toEqual(bytes(0x80, 1));
    seq.end();
    expect(derUnsignedInteger(bytes(0x80))).toEqual(bytes(0x02, 0x02, 0x00, 0x80));
    expect(derOid('1.3.101.112')).toEqual(bytes(0x06, 0x03, 0x2b, 0x65, 0x70));
  });

  it('uses and requires the minimal long-form length (X.690 §10.1)', () => {
    const long = derOctetString(new Uint8Array(300));
    expect(long.subarray(0, 4)).toEqual(bytes(0x04, 0x82, 0x01, 0x2c));
    expect(new DerReader(long).readOctetString().length).toBe(300);
    for (const bad of [
      bytes(0x04, 0x81, 0x05, 1, 2, 3, 4, 5),
      bytes(0x04, 0x82, 0x00, 0x05, 1, 2, 3, 4, 5),
      bytes(0x04, 0x80, 0, 0),
      bytes(0x04, 0x85, 1, 1, 1, 1, 1),
    ]) {
      expect(() => new DerReader(bad).readOctetString()).toThrow(KeyError);
    }
  });

  it('refuses truncation, overrun of the enclosing element, trailing data and wrong tags', () => {
    expect(() => new DerReader(bytes(0x04, 0x03, 1, 2)).readOctetString()).toThrow(/exceeds/);
    expect(() => new DerReader(bytes(0x04)).readOctetString()).toThrow(/truncated/);
    expect(() => readDerSequence(bytes(0x30, 0x00, 0x00))).toThrow(/trailing/);
    expect(() => new DerReader(bytes(0x30, 0x03, 0x04, 0x02, 1)).readSequence().readOctetString()).toThrow(/exceeds/);
    expect(() => new DerReader(bytes(0x05, 0x00)).readOctetString()).toThrow(/expected tag/);
  });

  it('walks the elements of one SEQUENCE, each bounded by it, and nothing after it', () => {
    const der = derSequence(derSmallInteger(1), derOctetString(bytes(7, 8)));
    const [version, octets, extra] = derSequenceChildren(der);
    expect([version?.tag, octets?.tag, extra]).toEqual([0x02, 0x04, undefined]);
    expect(derContents(der, octets!)).toEqual(bytes(7, 8));
    expect(derChildren(der, { tag: 0x30, start: 2, end: der.length })).toHaveLength(2);
    expect(() => derSequenceChildren(Uint8Array.of(...der, 0))).toThrow(/exactly one SEQUENCE/);
    expect(() => derSequenceChildren(bytes(0x31, 0x00))).toThrow(/exactly one SEQUENCE/);
    // A member that claims more bytes than its SEQUENCE holds, and a non-minimal length.
    expect(() => derSequenceChildren(bytes(0x30, 0x03, 0x04, 0x02, 1))).toThrow(/exceeds/);
    expect(() => derSequenceChildren(bytes(0x30, 0x81, 0x03, 0x04, 0x01, 1))).toThrow(/non-minimal/);
  });

  it('refuses non-minimal, negative and empty INTEGERs, malformed OIDs and BIT STRINGs with unused bits', () => {
    for (const bad of [bytes(0x02, 0x02, 0x00, 0x01), bytes(0x02, 0x01, 0x80), bytes(0x02, 0x00)]) {
      expect(() => new DerReader(bad).readUnsignedInteger()).toThrow(KeyError);
    }
    expect(new DerReader(bytes(0x02, 0x01, 0x00)).readUnsignedInteger()).toEqual(bytes(0));
    for (const bad of [bytes(0x06, 0x00), bytes(0x06, 0x02, 0x2a, 0x80), bytes(0x06, 0x02, 0x80, 0x01)]) {
      expect(() => new DerReader(bad).readOid()).toThrow(KeyError);
    }
    expect(() => new DerReader(bytes(0x03, 0x02, 0x01, 0xfe)).readBitString()).toThrow(/unused bits/);
    expect(() => new DerReader(bytes(0x05, 0x01, 0x00)).readNull()).toThrow(KeyError);
  });

  it('PEM armour round-trips and refuses mismatched labels or bad base64', () => {
    const der = derSequence(derSmallInteger(7));
    const pem = encodePem('TEST', der);
    expect(decodePem(pem)).toEqual({ label: 'TEST', der });
    expect(() => decodePem(pem.replace('END TEST', 'END OTHER'))).toThrow(KeyError);
    expect(() => decodePem('-----BEGIN TEST-----\nMAM=x\n-----END TEST-----')).toThrow(KeyError);
  });
});
