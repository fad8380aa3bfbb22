import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log.js';
import { anonymizeAddress, clientAddress } from './client_address.js';

/** Tiles finer than this zoom are logged as their ancestor at this zoom: a z18 tile is a house, a z12 tile a district. */
export const LOGGED_MAX_ZOOM = 12;

const tilePath = /^(\/tiles\/[^/]+\/|\/restricted\/tiles\/[^/]+\/)(\d{1,10})\/(\d{1,10})\/(\d{1,10})((?:\.\w{1,8})?)$/;
const MAX_LOGGED_PATH = 200;

/**
 * The path as it may be kept: no query string (it can carry `?key=` or a searched location), tile coordinates
 * coarsened to z12, and hostile paths cut short.
 */
export function loggablePath(url: string): string {
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  const tile = tilePath.exec(path);
  if (tile) {
    const [, prefix, zText, xText, yText, suffix] = tile as unknown as [string, string, string, string, string, string];
    const z = Number(zText);
    if (z > LOGGED_MAX_ZOOM) {
      const shift = 2 ** (z - LOGGED_MAX_ZOOM);
      return `${prefix}${LOGGED_MAX_ZOOM}/${Math.floor(Number(xText) / shift)}/${Math.floor(Number(yText) / shift)}${suffix}`;
    }
    return path;
  }
  return path.length > MAX_LOGGED_PATH ? `${path.slice(0, MAX_LOGGED_PATH)}…` : path;
}

/** Tile answers of one client network since the last summary. */
interface NetworkCount {
  answers: number;
}

/** The access log of one process: `record` each finished request, and `close` to write what is pending. */
export interface AccessLog {
  /**
   * Logs or counts a finished request; `started` is `performance.now()` when it arrived, or undefined for an answer
   * made at once; `publicTile` says the tile endpoint answered it (so the path is not matched again).
   */
  record(req: IncomingMessage, res: ServerResponse, started: number | undefined, publicTile: boolean): void;
  close(): void;
}

/** Distinct client networks a tile summary counts one by one; beyond this they are counted together. */
const SUMMARY_NETWORKS = 10_000;
/** Networks named in a summary, busiest first. */
const SUMMARY_BUSIEST = 5;

/**
 * The access log, or undefined when `info` is off (then it costs nothing). Entries hold a /24 or /48 network, never
 * a full address, and never headers: keys and cookies stay out.
 *
 * Public tiles answered 200, 204 or 304 are the bulk of the traffic, and one line each cost about a third of a
 * process's cached-tile throughput (the lines are formatted and written on the same two cores). They are counted
 * instead, and written as one summary line every `summaryMs`: answers by status, how many client networks, and the
 * busiest networks. Every other request, and every tile answer that is not a success, keeps a line of its own.
 */
export function createAccessLog(logger: Logger, trustedHops: number, summaryMs = 60_000): AccessLog | undefined {
  if (!logger.isLevelEnabled('info')) return undefined;
  const log = logger.child({ log: 'access' });
  let since = performance.now();
  let answers = { ok: 0, empty: 0, notModified: 0 };
  let networks = new Map<string, NetworkCount>();
  // Networks past SUMMARY_NETWORKS share one count.
  let others: NetworkCount = { answers: 0 };
  const countOf = (client: string) => {
    let known = networks.get(client);
    if (known === undefined) {
      if (networks.size >= SUMMARY_NETWORKS) return others;
      networks.set(client, (known = { answers: 0 }));
    }
    return known;
  };
  const summarise = () => {
    const now = performance.now();
    const byStatus = Object.fromEntries(
      Object.entries({ 200: answers.ok, 204: answers.empty, 304: answers.notModified }).filter(([, count]) => count > 0),
    );
    if (Object.keys(byStatus).length > 0) {
      const busiest = [...networks]
        .sort((a, b) => b[1].answers - a[1].answers)
        .slice(0, SUMMARY_BUSIEST)
        .map(([client, count]) => ({ client, answers: count.answers }));
      log.info(
        { summary: 'tiles', seconds: Math.round((now - since) / 100) / 10, answers: byStatus, networks: networks.size + (others.answers > 0 ? 1 : 0), busiest },
        'tile answers',
      );
    }
    since = now;
    answers = { ok: 0, empty: 0, notModified: 0 };
    networks = new Map();
    others = { answers: 0 };
  };
  const timer = setInterval(summarise, summaryMs);
  timer.unref();
  // Without trusted proxies a connection's address is its client's: worked out once per keep-alive connection, and so
  // is the count its tile answers go to, until the next summary starts new counts.
  const connections = new WeakMap<object, { readonly client: string; counts: Map<string, NetworkCount> | undefined; count: NetworkCount | undefined }>();
  const connection = (req: IncomingMessage) => {
    let known = connections.get(req.socket);
    if (known === undefined) connections.set(req.socket, (known = { client: anonymizeAddress(clientAddress(req, 0)), counts: undefined, count: undefined }));
    return known;
  };
  const network = (req: IncomingMessage) => (trustedHops > 0 ? anonymizeAddress(clientAddress(req, trustedHops)) : connection(req).client);
  const networkCount = (req: IncomingMessage) => {
    if (trustedHops > 0) return countOf(network(req));
    const known = connection(req);
    if (known.counts !== networks || known.count === undefined) {
      known.counts = networks;
      known.count = countOf(known.client);
    }
    return known.count;
  };
  return {
    record(req, res, started, publicTile) {
      const status = res.statusCode;
      if (publicTile && (status === 200 || status === 204 || status === 304)) {
        if (status === 200) answers.ok += 1;
        else if (status === 204) answers.empty += 1;
        else answers.notModified += 1;
        networkCount(req).answers += 1;
        return;
      }
      const url = req.url ?? '';
      log.info({ method: req.method, path: loggablePath(url), status, ms: started === undefined ? 0 : Math.round((performance.now() - started) * 10) / 10, client: network(req) }, 'request');
    },
    close() {
      clearInterval(timer);
      summarise();
    },
  };
}
