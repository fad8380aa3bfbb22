import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy that Chromium sends every request through (pages, workers, iframes alike), so a test sees each URL
 * the browser asked for, whatever context asked. Requests to `allowedOrigins` are forwarded; anything else is
 * recorded and refused, so a foreign request can neither succeed nor go unnoticed.
 */
export interface RecordingProxy {
  /** `--proxy-server` value for Chromium. */
  readonly address: string;
  /** Every URL requested through the proxy, in order (`CONNECT host:port` for TLS tunnels). */
  readonly requests: string[];
  /** The same requests with the headers the browser sent (TLS tunnels excepted), to check what travelled where. */
  readonly sent: Array<{ url: string; headers: IncomingHttpHeaders }>;
  /** Origins allowed through; a test may change the set while running. */
  readonly allowedOrigins: Set<string>;
  /** Requested URLs whose origin is not allowed. */
  foreign(): string[];
  close(): Promise<void>;
}

/**
 * Hosts that Chromium itself contacts on its own behalf whatever page is open (component updater, sign-in, network
 * time), which no flag turns off in this build. They are not requests of the page under test, so they are not
 * counted; any other host is, including every other Google, CDN or tile host.
 */
export const BROWSER_SERVICE_HOSTS: ReadonlySet<string> = new Set(['update.googleapis.com', 'accounts.google.com', 'clients2.google.com']);

/** Chromium flags that route all traffic, loopback included, through `proxy`. */
export function proxyFlags(proxy: RecordingProxy): string[] {
  // `<-loopback>` removes Chromium's implicit bypass of localhost and 127.0.0.1.
  return [
    `--proxy-server=${proxy.address}`,
    '--proxy-bypass-list=<-loopback>',
    // Chromium's own services that a flag does turn off; the rest are listed in BROWSER_SERVICE_HOSTS.
    '--disable-features=AutofillServerCommunication,NetworkTimeServiceQuerying,OptimizationHints,Translate,MediaRouter',
  ];
}

export async function startRecordingProxy(): Promise<RecordingProxy> {
  const requests: string[] = [];
  const sent: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
  const allowedOrigins = new Set<string>();
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '';
    requests.push(url);
    sent.push({ url, headers: req.headers });
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (!allowedOrigins.has(target.origin)) {
      res.writeHead(502, { 'Content-Type': 'text/plain' }).end('foreign origin refused by the test proxy');
      return;
    }
    // Chromium resolves `localhost` itself; the servers under test listen on 127.0.0.1.
    const upstream = httpRequest(
      { host: '127.0.0.1', port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req, socket) => {
    // Chromium may reset a refused tunnel before our answer is read: that is its right, not a test failure.
    socket.on('error', () => socket.destroy());
    requests.push(`CONNECT ${req.url ?? ''}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    requests,
    sent,
    allowedOrigins,
    foreign: () =>
      requests.filter((url) => {
        if (url.startsWith('CONNECT ')) return !BROWSER_SERVICE_HOSTS.has(url.slice('CONNECT '.length).replace(/:\d+$/, ''));
        try {
          const target = new URL(url);
          return !allowedOrigins.has(target.origin) && !BROWSER_SERVICE_HOSTS.has(target.hostname);
        } catch {
          return true;
        }
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
