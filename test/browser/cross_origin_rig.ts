import { startServer, type RunningServer } from '../../packages/tile-server/src/index.js';
import { publishedAgencyCsp, startAgencySite, type AgencySite } from './csp_agency_page.js';
import { proxyFlags, startRecordingProxy, type RecordingProxy } from './foreign_request_proxy.js';
import { launchBrowser, type LaunchedBrowser } from './launch_browser.js';

/** The demo tile server, a cross-site agency page under the README's CSP, a recording proxy and Chromium behind it. */
export interface CrossOriginRig {
  server: RunningServer;
  /** A different host name as well as a different port from the agency page: the two are cross-site. */
  serverOrigin: string;
  agency: AgencySite;
  proxy: RecordingProxy;
  browser: LaunchedBrowser;
  close(): Promise<void>;
}

export async function startCrossOriginRig(): Promise<CrossOriginRig> {
  const server = await startServer({ catalogPath: 'examples/busan/catalog.json', host: '127.0.0.1', port: 0 });
  const serverOrigin = `http://localhost:${new URL(server.url).port}`;
  const agency = await startAgencySite(serverOrigin, publishedAgencyCsp(serverOrigin));
  const proxy = await startRecordingProxy();
  proxy.allowedOrigins.add(serverOrigin).add(agency.origin);
  const browser = await launchBrowser(proxyFlags(proxy));
  return {
    server,
    serverOrigin,
    agency,
    proxy,
    browser,
    async close() {
      await browser.close();
      await proxy.close();
      await agency.close();
      await server.close();
    },
  };
}
