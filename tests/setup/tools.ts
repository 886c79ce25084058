/**
 * vitest global setup: installs the Debian tools some tests drive (chromium, redis-server, PyJWT) once,
 * before any test runs, so a slow first install never counts against a test's timeout.
 */
import { ensureChromium } from '../helpers/chromium.js';
import { ensurePyJwt } from '../helpers/pyjwt.js';
import { ensureRedisServer } from '../helpers/redis-server.js';

export default function setup(): void {
  ensureChromium();
  ensureRedisServer();
  ensurePyJwt();
}
