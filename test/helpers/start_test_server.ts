import { startServer, type RunningServer } from '../../packages/tile-server/src/index.js';

/** A real SafeMap server on 127.0.0.1 with an ephemeral port. */
export async function startTestServer(catalogPath: string, extra: Partial<Parameters<typeof startServer>[0]> = {}): Promise<RunningServer> {
  return startServer({ catalogPath, host: '127.0.0.1', port: 0, ...extra });
}
