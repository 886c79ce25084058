/**
 * Docs that run: every `ts` block of docs/guides/*.md is type-checked against the built package
 * and run, exactly as README.md's are (tests/helpers/doc-blocks.ts: same markers, same
 * environment), with a throw-away Redis server behind `REDIS_URL` for the session blocks.
 */
import { readdirSync } from 'node:fs';
import { describeDocBlocks } from './helpers/doc-blocks.js';
import { startRedisServer } from './helpers/redis-server.js';

const guides = readdirSync(new URL('../docs/guides/', import.meta.url))
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => `docs/guides/${name}`);

describeDocBlocks('docs/guides code blocks', guides, {
  skipped: [],
  minNodeBlocks: 10,
  minWorkerBlocks: 1,
  prefixFileName: true,
  setup: async () => {
    const redis = await startRedisServer();
    return { env: { REDIS_URL: redis.url }, teardown: () => redis.stop() };
  },
});
