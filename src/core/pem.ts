/**
 * PEM armour (RFC 7468): strict base64 between one BEGIN/END pair with matching labels.
 * @module
 */

import { KeyError } from './errors.js';

/** Keys beyond this are not keys we use (an 8192-bit RSA PKCS#8 PEM is about 6.5 KB). */
const MAX_PEM = 64 * 1024;

export interface Pem {
  readonly label: string;
  readonly der: Uint8Array;
}

/** One block; text around it is allowed (RFC 7468 §5.2), as OpenSSL writes "Bag Attributes" there. */
const PEM_RE = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([A-Za-z0-9+/=\r\n\t ]*?)-----END ([A-Z0-9 ]+)-----/;

/** True when `text` looks like PEM armour (used to route key material, never to trust it). */
export function isPem(text: string): boolean {
  return text.includes('-----BEGIN ');
}

/** Decodes one PEM block; the labels must match (RFC 7468 §2) and the base64 must be canonical. */
export function decodePem(text: string): Pem {
  if (text.length > MAX_PEM) throw new KeyError('PEM text is too large');
  // Exactly one block: a bundle (say a certificate and a key) is ambiguous, so it is refused.
  if (text.indexOf('-----BEGIN ') !== text.lastIndexOf('-----BEGIN ')) throw new KeyError('PEM text holds more than one block');
  const m = PEM_RE.exec(text);
  if (m === null || m[1] !== m[3]) throw new KeyError('malformed PEM');
  const b64 = m[2]!.replace(/\s+/g, '');
  if (b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw new KeyError('malformed PEM base64');
  let binary: string;
  try {
    binary = atob(b64);
  } catch (cause) {
    throw new KeyError('malformed PEM base64', { cause });
  }
  const der = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) der[i] = binary.charCodeAt(i);
  return { label: m[1]!, der };
}

/** PEM text of `der` under `label`, 64 characters a line (RFC 7468 §2). */
export function encodePem(label: string, der: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < der.length; i++) binary += String.fromCharCode(der[i]!);
  const b64 = btoa(binary);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
