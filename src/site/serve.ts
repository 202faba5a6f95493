/**
 * `npm start`: build the site, then serve `docs/site` on 127.0.0.1 (sirv,
 * a small static file server) until stopped, printing the address. The
 * browser tests use {@link serveSite} on a free port.
 *
 * @module
 */
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { buildSite, SITE } from './build';

/** A running server. */
export interface Served {
  /** The address, ending in `/`. */
  readonly url: string;
  /** Stop it. */
  readonly close: () => Promise<void>;
}

/**
 * Serve a folder on the loopback interface.
 *
 * @param dir - the folder (default `docs/site`)
 * @param port - the port (default 0: any free one)
 * @returns the address and a way to stop
 */
export function serveSite(dir = SITE, port = 0): Promise<Served> {
  const handler = sirv(dir, { dev: true, etag: false });
  const server: Server = createServer((req, res) =>
    handler(req, res, () => {
      res.statusCode = 404;
      res.end('not found');
    }),
  );
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${p}/`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Parse `--port N` from the command line (default 8080; 0 means any free port). */
function portArg(argv: readonly string[]): number {
  const i = argv.indexOf('--port');
  if (i < 0) return Number(process.env.PORT ?? 8080);
  const v = argv[i + 1] ?? '';
  if (!/^\d+$/.test(v) || Number(v) > 65535) {
    process.stderr.write(`start: expected a port from 0 to 65535 after --port, got '${v}'\n`);
    process.exit(2);
  }
  return Number(v);
}

if (process.argv[1]?.endsWith('serve.ts')) {
  const port = portArg(process.argv.slice(2));
  const built = await buildSite();
  if (!built.ok) process.exit(1);
  let served: Served;
  try {
    served = await serveSite(SITE, port);
  } catch (e) {
    process.stderr.write(
      `start: cannot listen on 127.0.0.1:${port} (${(e as Error).message}); try --port 0 for any free port\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`The workbook's site is at ${served.url} (Ctrl-C to stop)\n`);
  const stop = () => {
    void served.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
