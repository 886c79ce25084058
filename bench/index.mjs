// `npm run bench`: every benchmark family in one process, one after another.
// Families add themselves here (one import each).
await import('./eddsa.mjs');
