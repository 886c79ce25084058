/**
 * ANSI colours for terminal output, off unless the context asks for them.
 * @module
 */

export interface Style {
  key(text: string): string;
  string(text: string): string;
  number(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  good(text: string): string;
  bad(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

const COLOURS: Style = {
  key: wrap(36, 39),
  string: wrap(32, 39),
  number: wrap(33, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
  good: wrap(32, 39),
  bad: wrap(31, 39),
};

const identity = (text: string) => text;
const PLAIN: Style = { key: identity, string: identity, number: identity, dim: identity, bold: identity, good: identity, bad: identity };

export const styleFor = (color: boolean): Style => (color ? COLOURS : PLAIN);

/** Pretty JSON (two-space indent) with keys, strings and numbers coloured. */
export function colorJson(value: unknown, style: Style, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = indent + '  ';
    return `[\n${value.map((v) => inner + colorJson(v, style, inner)).join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const inner = indent + '  ';
    return `{\n${entries.map(([k, v]) => `${inner}${style.key(JSON.stringify(k))}: ${colorJson(v, style, inner)}`).join(',\n')}\n${indent}}`;
  }
  if (typeof value === 'string') return style.string(JSON.stringify(value));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return style.number(JSON.stringify(value));
  return JSON.stringify(value) ?? 'null';
}
