/**
 * A small strict DER reader and writer (ITU-T X.690 §8 and §10) for key containers: SPKI
 * (RFC 5280 §4.1.2.7), PKCS#8 (RFC 5208 §5), PKCS#1 (RFC 8017 Appendix A.1) and SEC1.
 * Strict means definite, minimal lengths (X.690 §10.1), single-byte tags, minimal INTEGERs
 * (§8.3.2), no trailing bytes, and every read bounded by its enclosing element, so a hostile
 * key can neither overrun a buffer nor have two readings.
 * @module
 */

import { KeyError } from './errors.js';

export const TAG_INTEGER = 0x02;
export const TAG_BIT_STRING = 0x03;
export const TAG_OCTET_STRING = 0x04;
export const TAG_NULL = 0x05;
export const TAG_OID = 0x06;
export const TAG_SEQUENCE = 0x30;

/** Largest element accepted: keys are a few KiB; anything bigger is not a key we can use. */
const MAX_LENGTH = 1 << 20;

function malformed(what: string): KeyError {
  return new KeyError(`malformed DER: ${what}`);
}

/** One element: its tag and the bounds of its contents. */
export interface DerElement {
  readonly tag: number;
  readonly start: number;
  readonly end: number;
}

/**
 * The element at `pos`, which must end by `end` (X.690 §8.1): single-byte tag, definite minimal
 * length (§10.1). The free function under DerReader, for callers that only walk the structure.
 */
export function derElement(bytes: Uint8Array, pos: number, end: number): DerElement {
  if (bytes.length > MAX_LENGTH) throw malformed('input too large');
  let p = pos;
  if (p + 2 > end) throw malformed('truncated element');
  const tag = bytes[p++]!;
  let len = bytes[p++]!;
  if (len & 0x80) {
    // Long form (X.690 §8.1.3.5): 0x80 is indefinite (not DER), more than 3 length bytes exceed MAX_LENGTH.
    const n = len & 0x7f;
    if (n === 0 || n > 3) throw malformed('unsupported length');
    if (p + n > end) throw malformed('truncated length');
    len = 0;
    for (let i = 0; i < n; i++) len = (len << 8) | bytes[p++]!;
    // DER minimal length (X.690 §10.1): long form only from 128, no leading zero byte.
    if (len < 0x80 || bytes[p - n] === 0) throw malformed('non-minimal length');
  }
  if (len > end - p) throw malformed('length exceeds the enclosing element');
  return { tag, start: p, end: p + len };
}

/** The elements inside `parent` (a constructed element of `bytes`), in order, each bounded by it. */
export function derChildren(bytes: Uint8Array, parent: DerElement): DerElement[] {
  const children: DerElement[] = [];
  for (let pos = parent.start; pos < parent.end; pos = children.at(-1)!.end) children.push(derElement(bytes, pos, parent.end));
  return children;
}

/** The elements of `der`, which must be exactly one SEQUENCE (no trailing bytes: one reading only). */
export function derSequenceChildren(der: Uint8Array): DerElement[] {
  const outer = derElement(der, 0, der.length);
  if (outer.tag !== TAG_SEQUENCE || outer.end !== der.length) throw malformed('expected exactly one SEQUENCE');
  return derChildren(der, outer);
}

/** The contents of `element` (a view into `bytes`). */
export const derContents = (bytes: Uint8Array, element: DerElement): Uint8Array => bytes.subarray(element.start, element.end);

/** A cursor over one constructed element's contents (or a whole document). */
export class DerReader {
  readonly bytes: Uint8Array;
  #pos: number;
  readonly #end: number;

  constructor(bytes: Uint8Array, start = 0, end = bytes.length) {
    if (bytes.length > MAX_LENGTH) throw malformed('input too large');
    this.bytes = bytes;
    this.#pos = start;
    this.#end = end;
  }

  get done(): boolean {
    return this.#pos === this.#end;
  }

  /** The tag of the next element without consuming it, or -1 at the end. */
  peekTag(): number {
    return this.#pos < this.#end ? this.bytes[this.#pos]! : -1;
  }

  /** Reads one TLV whose tag must be `tag`; returns the content bounds. X.690 §8.1. */
  readTlv(tag: number): { start: number; end: number } {
    // Truncation first, then the tag, then the length: each malformed input has one reason.
    if (this.#pos + 2 <= this.#end && this.bytes[this.#pos] !== tag) throw malformed(`expected tag 0x${tag.toString(16)}`);
    const element = derElement(this.bytes, this.#pos, this.#end);
    this.#pos = element.end;
    return element;
  }

  /** A reader over the contents of the next SEQUENCE. */
  readSequence(): DerReader {
    const { start, end } = this.readTlv(TAG_SEQUENCE);
    return new DerReader(this.bytes, start, end);
  }

  /** A reader over the contents of the next element of constructed tag `tag` (e.g. [0] = 0xa0). */
  readConstructed(tag: number): DerReader {
    const { start, end } = this.readTlv(tag);
    return new DerReader(this.bytes, start, end);
  }

  /**
   * The magnitude of a non-negative INTEGER, big-endian without a sign byte. X.690 §8.3.2 requires
   * minimal encoding; negative values are refused (no key component is negative).
   */
  readUnsignedInteger(): Uint8Array {
    const { start, end } = this.readTlv(TAG_INTEGER);
    const b = this.bytes;
    if (end === start) throw malformed('empty INTEGER');
    if (b[start]! & 0x80) throw malformed('negative INTEGER');
    if (end - start > 1 && b[start] === 0 && !(b[start + 1]! & 0x80)) throw malformed('non-minimal INTEGER');
    const from = b[start] === 0 && end - start > 1 ? start + 1 : start;
    return b.slice(from, end);
  }

  /** A small non-negative INTEGER (a version field) as a number. */
  readSmallInteger(): number {
    const v = this.readUnsignedInteger();
    if (v.length > 4) throw malformed('INTEGER too large');
    let n = 0;
    for (const x of v) n = n * 256 + x;
    return n;
  }

  /** An OBJECT IDENTIFIER in dotted form (X.690 §8.19), strictly minimal sub-identifiers. */
  readOid(): string {
    const { start, end } = this.readTlv(TAG_OID);
    const b = this.bytes;
    if (end === start) throw malformed('empty OID');
    const arcs: number[] = [];
    let value = 0;
    let first = true;
    for (let i = start; i < end; i++) {
      const x = b[i]!;
      if (value === 0 && x === 0x80) throw malformed('non-minimal OID');
      if (value > 0x00ffffff) throw malformed('OID arc too large');
      value = value * 128 + (x & 0x7f);
      if (x & 0x80) {
        if (i === end - 1) throw malformed('truncated OID');
        continue;
      }
      if (first) {
        const top = value < 40 ? 0 : value < 80 ? 1 : 2;
        arcs.push(top, value - 40 * top);
        first = false;
      } else arcs.push(value);
      value = 0;
    }
    return arcs.join('.');
  }

  /** NULL (X.690 §8.8): empty contents. */
  readNull(): void {
    const { start, end } = this.readTlv(TAG_NULL);
    if (end !== start) throw malformed('NULL with contents');
  }

  /** A BIT STRING of whole bytes (X.690 §8.6; keys never have unused bits). */
  readBitString(): Uint8Array {
    const { start, end } = this.readTlv(TAG_BIT_STRING);
    if (end === start || this.bytes[start] !== 0) throw malformed('BIT STRING with unused bits');
    return this.bytes.slice(start + 1, end);
  }

  readOctetString(): Uint8Array {
    const { start, end } = this.readTlv(TAG_OCTET_STRING);
    return this.bytes.slice(start, end);
  }

  /** Skips the next element whatever its tag. */
  skip(): void {
    this.readTlv(this.peekTag());
  }

  /** Asserts the element was fully consumed: trailing data would give the key two readings. */
  end(): void {
    if (!this.done) throw malformed('trailing data');
  }
}

/** Parses `der` as exactly one SEQUENCE and returns a reader over its contents. */
export function readDerSequence(der: Uint8Array): DerReader {
  const outer = new DerReader(der);
  const seq = outer.readSequence();
  outer.end();
  return seq;
}

// --- writer ------------------------------------------------------------------------------------

function lengthBytes(len: number): number[] {
  if (len < 0x80) return [len];
  const out: number[] = [];
  for (let n = len; n > 0; n >>>= 8) out.unshift(n & 0xff);
  return [0x80 | out.length, ...out];
}

/** One TLV with the given contents (parts concatenated). */
export function derTlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const len = parts.reduce((n, p) => n + p.length, 0);
  const head = lengthBytes(len);
  const out = new Uint8Array(1 + head.length + len);
  out[0] = tag;
  out.set(head, 1);
  let p = 1 + head.length;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

export const derSequence = (...parts: Uint8Array[]): Uint8Array => derTlv(TAG_SEQUENCE, ...parts);
export const derNull = (): Uint8Array => derTlv(TAG_NULL);
export const derOctetString = (bytes: Uint8Array): Uint8Array => derTlv(TAG_OCTET_STRING, bytes);
export const derBitString = (bytes: Uint8Array): Uint8Array => derTlv(TAG_BIT_STRING, Uint8Array.of(0), bytes);

/** A non-negative INTEGER from big-endian magnitude bytes, minimally encoded (X.690 §8.3.2). */
export function derUnsignedInteger(magnitude: Uint8Array): Uint8Array {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  const m = magnitude.subarray(i);
  if (m.length === 0) return derTlv(TAG_INTEGER, Uint8Array.of(0));
  return m[0]! & 0x80 ? derTlv(TAG_INTEGER, Uint8Array.of(0), m) : derTlv(TAG_INTEGER, m);
}

export const derSmallInteger = (n: number): Uint8Array =>
  derUnsignedInteger(Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff));

/** An OBJECT IDENTIFIER from dotted text (X.690 §8.19). */
export function derOid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const body: number[] = [];
  const values = [40 * arcs[0]! + arcs[1]!, ...arcs.slice(2)];
  for (const v of values) {
    const group: number[] = [v & 0x7f];
    for (let n = Math.floor(v / 128); n > 0; n = Math.floor(n / 128)) group.unshift((n & 0x7f) | 0x80);
    body.push(...group);
  }
  return derTlv(TAG_OID, Uint8Array.from(body));
}
