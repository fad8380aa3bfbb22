import { parseArgs } from 'node:util';
import { createLogger } from '../log.js';
import { startServer } from '../server/start_server.js';

const usage = `Usage: safemap serve [--config CATALOGUE] [--host HOST] [--port PORT] [--public-url URL]

Serve the tile sets of a layer catalogue, the widget and the demo page.

  -c, --config FILE     layer catalogue (default: examples/busan/catalog.json)
      --host HOST       address to bind (env HOST, default 127.0.0.1; 0.0.0.0 to expose)
  -p, --port PORT       port (env PORT, default 8080)
      --public-url URL  base URL clients reach the server at, behind a proxy (env PUBLIC_URL)
      --frame-ancestors SOURCES
                        who may frame SafeMap pages (env FRAME_ANCESTORS, default 'self')
  -h, --help            show this help
`;

/** `safemap serve`: runs until SIGTERM/SIGINT, then drains and exits 0. */
export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c' },
      host: { type: 'string' },
      port: { type: 'string', short: 'p' },
      'public-url': { type: 'string' },
      'frame-ancestors': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  const port = Number(values.port ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`safemap serve: port must be an integer from 0 to 65535\n`);
    return 2;
  }
  const host = values.host ?? process.env.HOST ?? '127.0.0.1';
  const logger = createLogger();
  const running = await startServer({
    catalogPath: values.config ?? 'examples/busan/catalog.json',
    host,
    port,
    logger,
    ...(values['public-url'] ?? process.env.PUBLIC_URL ? { publicUrl: values['public-url'] ?? process.env.PUBLIC_URL } : {}),
    frameAncestors: (values['frame-ancestors'] ?? process.env.FRAME_ANCESTORS ?? "'self'").split(/\s+/).filter(Boolean),
  });
  const shown = host === '127.0.0.1' || host === '0.0.0.0' || host === '::' ? `http://localhost:${running.server.address() && (running.server.address() as { port: number }).port}` : running.url;
  process.stdout.write(`SafeMap is serving the safety map at ${shown}\n`);

  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      running.close().then(
        () => resolve(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
