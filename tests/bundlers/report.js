// The page's answer to the harness (scripts/bundlers.mjs): the title says ok or fail, and
// data-result carries the tokens, so the harness checks the ES256 signature with node:crypto
// rather than trusting the page.
export function report(run) {
  run().then(
    (result) => {
      document.body.dataset.result = JSON.stringify(result);
      document.title = 'ok';
    },
    (error) => {
      document.title = `fail:${error?.stack ?? error}`;
    },
  );
}
