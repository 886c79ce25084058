import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `workerd serve CONFIG` with its `http` socket on a free 127.0.0.1 port; resolves once it answers. */
export async function serveWorkerd(config: string, env: Record<string, string>): Promise<{ origin: string; stop: () => void }> {
  const port = await freePort();
  const child: ChildProcess = spawn('node_modules/.bin/workerd', ['serve', config, '--socket-addr', `http=127.0.0.1:${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let log = '';
  child.stderr!.on('data', (d) => (log += d));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await fetch(origin);
      break;
    } catch (error) {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill('SIGKILL');
        throw new Error(`workerd did not start: ${log}`, { cause: error });
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { origin, stop: () => child.kill('SIGTERM') };
}
