/**
 * `ciphertoken inspect [TOKEN]`: header and claims without verification, coloured on a terminal,
 * with times as ISO dates and relative ("expires in 9 m 12 s").
 * @module
 */

import { flag, type Parsed } from '../args.js';
import type { Command } from '../command.js';
import type { Context } from '../context.js';
import { EXIT } from '../errors.js';
import { colorJson, styleFor } from '../style.js';
import { timeLines, tokenType } from '../describe.js';
import { decodeToken, nowSeconds, readToken } from '../token.js';

export const inspect: Command = {
  name: 'inspect',
  summary: "show a token's header, claims, type and times (no verification)",
  maxPositionals: 1,
  options: { json: { type: 'boolean' } },
  help: `Usage: ciphertoken inspect [TOKEN | -] [--json]

Decodes a JWT without checking its signature: header and claims, token type (access/refresh),
algorithm, key id, and iat/nbf/exp as ISO dates and relative times. Reads the token from stdin
when TOKEN is absent or "-". Colours when stdout is a terminal (NO_COLOR=1 turns them off).

Options:
  --json   print { header, payload, type, times } as JSON

Exit codes: 0 decoded, 1 not a JWT, 2 usage error.
`,
  async run(parsed: Parsed, ctx: Context): Promise<number> {
    const decoded = decodeToken(await readToken(parsed.positionals[0], ctx, 'inspect'));
    const now = nowSeconds();
    const type = tokenType(decoded);
    const times = timeLines(decoded.payload, now);
    if (flag(parsed, 'json')) {
      ctx.out(`${JSON.stringify({ header: decoded.header, payload: decoded.payload, type: type ?? null, times }, null, 2)}\n`);
      return EXIT.OK;
    }
    const s = styleFor(ctx.color);
    const expired = times.some((t) => t.claim === 'exp' && t.value <= now);
    const row = (label: string, value: string) => `  ${s.dim(label.padEnd(10))} ${value}\n`;
    let text = `${s.bold('Header')}\n${colorJson(decoded.header, s)}\n${s.bold('Claims')}\n${colorJson(decoded.payload, s)}\n`;
    if (times.length > 0) {
      text += `${s.bold('Times')}\n`;
      for (const t of times) {
        const relative = t.claim === 'exp' ? (expired ? s.bad(t.relative) : s.good(t.relative)) : t.relative;
        text += row(t.claim, `${t.iso ?? String(t.value)}  ${relative}`);
      }
    }
    text += `${s.bold('Token')}\n`;
    text += row('type', type ?? 'unknown (no "token" claim)');
    text += row('algorithm', typeof decoded.header.alg === 'string' ? decoded.header.alg : 'none');
    text += row('key id', typeof decoded.header.kid === 'string' ? decoded.header.kid : 'none');
    text += row('signature', s.dim('not checked: use ciphertoken verify'));
    ctx.out(text);
    return EXIT.OK;
  },
};
