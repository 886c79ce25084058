// Preloaded into wrangler (NODE_OPTIONS=--require) by scripts/bundlers.mjs: a dry-run build must
// not reach the network. Any outbound connection or name lookup other than loopback is refused and
// written to $NO_NETWORK_LOG, which the harness turns into a failure.
const dns = require('node:dns');
const fs = require('node:fs');
const net = require('node:net');

const LOOPBACK = /^(localhost|127(\.\d+){3}|::1|\[::1\])$/;
const refuse = (what) => {
  fs.appendFileSync(process.env.NO_NETWORK_LOG, `${what}\n`);
  return new Error(`network access refused in a dry-run build: ${what}`);
};

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // Node calls this with (options, cb), (port, host, cb), (path, cb) or, internally, [options, cb].
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
  const host = options.host ?? 'localhost';
  if (options.path === undefined && typeof first !== 'string' && !LOOPBACK.test(host)) {
    const error = refuse(`connect ${host}:${options.port}`);
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return connect.apply(this, args);
};

const lookup = dns.lookup;
dns.lookup = function (hostname, ...rest) {
  if (!LOOPBACK.test(hostname)) {
    const callback = rest.at(-1);
    const error = refuse(`lookup ${hostname}`);
    return process.nextTick(() => callback(error));
  }
  return lookup.call(this, hostname, ...rest);
};
const lookupPromise = dns.promises.lookup;
dns.promises.lookup = function (hostname, ...rest) {
  if (!LOOPBACK.test(hostname)) return Promise.reject(refuse(`lookup ${hostname}`));
  return lookupPromise.call(this, hostname, ...rest);
};
