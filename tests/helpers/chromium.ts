/** Headless Chromium for the tests: the one launcher scripts/chromium.mjs, shared with the scripts. */
export { ensureChromium, launchChromium } from '../../scripts/chromium.mjs';
