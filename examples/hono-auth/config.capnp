# workerd configuration for the Hono example on Workers: bundle worker.mjs into dist/ with
#   node -e "import('./examples/worker/build.mjs').then((m) => m.bundleWorker('examples/hono-auth/worker.mjs'))"
# then
#   JWT_SECRET=… DEMO_PASSWORD=… npx workerd serve examples/hono-auth/config.capnp
# Listens on 127.0.0.1:8788; `--socket-addr http=127.0.0.1:PORT` overrides.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:8788", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "dist/worker.js"),
    (name = "ciphertoken/wasm/hash.wasm", wasm = embed "dist/hash.wasm"),
  ],
  bindings = [
    (name = "JWT_SECRET", fromEnvironment = "JWT_SECRET"),
    (name = "DEMO_PASSWORD", fromEnvironment = "DEMO_PASSWORD"),
  ],
  compatibilityDate = "2025-09-01",
);
