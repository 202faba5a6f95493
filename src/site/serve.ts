/**
 * `npm start`: take the port, build the site unless the one in `docs/site`
 * was built from the sources as they are, and serve `docs/site` on
 * 127.0.0.1 (sirv, a small static file server) until stopped, printing the
 * address. The browser tests use {@link serveSite} on a free port.
 *
 * @module
 */
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { buildSite, isFresh, SITE } from './build';

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

/**
 * The port asked for: `--port N`, else the `PORT` variable, else 8080 (0
 * means any free port). A bad value is a one-line error and exit code 2.
 */
function portArg(argv: readonly string[]): number {
  const i = argv.indexOf('--port');
  const [v, from] =
    i >= 0 ? [argv[i + 1] ?? '', 'after --port'] : [process.env.PORT ?? '8080', 'in PORT'];
  if (!/^\d+$/.test(v) || Number(v) > 65535) {
    process.stderr.write(`start: expected a port from 0 to 65535 ${from}, got '${v}'\n`);
    process.exit(2);
  }
  return Number(v);
}

if (process.argv[1]?.endsWith('serve.ts')) {
  const port = portArg(process.argv.slice(2));
  // Take the port first, so that a busy one is reported before any build.
  let served: Served;
  try {
    served = await serveSite(SITE, port);
  } catch (e) {
    process.stderr.write(
      `start: cannot listen on 127.0.0.1:${port} (${(e as Error).message}); choose another with 'npm start -- --port N' or PORT=N, or --port 0 for any free one\n`,
    );
    process.exit(1);
  }
  const stop = () => {
    void served.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (isFresh(SITE))
    process.stdout.write('start: the site in docs/site was built from the sources as they are\n');
  else {
    process.stdout.write(
      `start: building the site (its address answers once it is written: ${served.url})\n`,
    );
    const built = await buildSite();
    if (!built.ok) {
      await served.close();
      process.exit(1);
    }
  }
  process.stdout.write(`The workbook's site is at ${served.url} (Ctrl-C to stop)\n`);
}
