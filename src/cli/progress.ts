/**
 * A progress line on stderr for slow work (RSA 4096 key generation): a spinner with the elapsed
 * seconds on a terminal, one plain line otherwise. Only shown when the work takes a while.
 * @module
 */

import type { Context } from './context.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Runs `work`; if it is still going after `delayMs`, shows `label` until it settles. */
export async function withProgress<T>(ctx: Context, label: string, work: () => T | Promise<T>, delayMs = 400): Promise<T> {
  const started = Date.now();
  let frame = 0;
  let shown = false;
  const tick = () => {
    shown = true;
    if (!ctx.stderrIsTTY) return;
    const seconds = Math.floor((Date.now() - started) / 1000);
    ctx.err(`\r${FRAMES[frame++ % FRAMES.length]} ${label}… ${seconds} s`);
  };
  const timer = setTimeout(() => {
    if (!ctx.stderrIsTTY) ctx.err(`${label}…\n`);
    tick();
    interval = setInterval(tick, 100);
  }, delayMs);
  let interval: ReturnType<typeof setInterval> | undefined;
  try {
    // A macrotask first, so a synchronous generator still lets a pending line print on slow runs.
    await new Promise((resolve) => setTimeout(resolve, 0));
    return await work();
  } finally {
    clearTimeout(timer);
    if (interval !== undefined) clearInterval(interval);
    if (shown && ctx.stderrIsTTY) ctx.err('\r\u001b[2K');
  }
}
