# workerd configuration for the example Worker: `node examples/worker/build.mjs`, then
#   JWT_SECRET=… npx workerd serve examples/worker/config.capnp
# (or JWKS='{"keys":[…]}'). Listens on 127.0.0.1:8788; `--socket-addr http=127.0.0.1:PORT` overrides.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:8788", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "dist/worker.js"),
    (name = "ciphertoken/wasm/hash.wasm", wasm = embed "dist/hash.wasm"),
    (name = "ciphertoken/wasm/ed25519.wasm", wasm = embed "dist/ed25519.wasm"),
    (name = "ciphertoken/wasm/p256.wasm", wasm = embed "dist/p256.wasm"),
    (name = "ciphertoken/wasm/p384.wasm", wasm = embed "dist/p384.wasm"),
    (name = "ciphertoken/wasm/p521.wasm", wasm = embed "dist/p521.wasm"),
    (name = "ciphertoken/wasm/rsa.wasm", wasm = embed "dist/rsa.wasm"),
  ],
  bindings = [
    (name = "JWT_SECRET", fromEnvironment = "JWT_SECRET"),
    (name = "JWKS", fromEnvironment = "JWKS"),
    (name = "ALGORITHMS", fromEnvironment = "ALGORITHMS"),
  ],
  compatibilityDate = "2025-09-01",
);
