/** The server `rollback` and `reload` confirm with when neither `--server` nor the catalogue's `publish.server` names one. */
export const DEFAULT_SERVER = 'http://127.0.0.1:8080';

/** Help lines of the `--server` and `--wait` options, shared by the commands that confirm with the running server. */
export const confirmOptionsHelp = `      --server URL    the running server to confirm with (default: the catalogue's publish.server, else ${DEFAULT_SERVER})
      --wait SECONDS  how long to wait for the server to follow (default 5)`;

/** Checks `--server` and `--wait` as given on the command line; throws a usage message naming the flag. */
export function checkConfirmOptions(values: { server?: string | undefined; wait?: string | undefined }): void {
  if (values.wait !== undefined && !/^\d{1,3}(\.\d+)?$/.test(values.wait)) throw new Error('--wait must be a number of seconds');
  if (values.server !== undefined && !/^https?:\/\/[^\s]+$/.test(values.server)) throw new Error('--server must be an http(s) URL');
}

/** The server to confirm with and how long to wait for it, from the flags, the catalogue and the defaults. */
export function confirmTarget(values: { server?: string | undefined; wait?: string | undefined }, publishServer: string | undefined): { server: string; waitMs: number } {
  return { server: values.server ?? publishServer ?? DEFAULT_SERVER, waitMs: Number(values.wait ?? 5) * 1000 };
}

/** How long to keep trying when nothing answers at all (a server restarting answers again within this). */
const NO_SERVER_MS = 1500;

/** What the running server said about a tile set after a rollback. */
export type ServedCheck =
  | { readonly state: 'serving'; readonly seconds: number }
  | { readonly state: 'other'; readonly version: string | undefined; readonly status: number }
  | { readonly state: 'no-server'; readonly reason: string };

/**
 * Polls the tile set's TileJSON on the running server until it hands out `version` (the server follows a pointer
 * within about a second), for at most `waitMs`. Distinguishes a server that answers with another version (it did
 * not follow: its log says why) from no server at all (nothing to confirm; the pointer is what a server reads at
 * start-up).
 */
export function confirmServed(server: string, tileset: string, version: string, waitMs: number): Promise<ServedCheck> {
  return pollServer(new URL(`/tiles/${encodeURIComponent(tileset)}.json`, server), 'safemap:version', version, waitMs);
}

/** Polls the server's `/readyz` until it reports catalogue `revision` (see LoadedCatalog), as `confirmServed` does. */
export function confirmCatalog(server: string, revision: string, waitMs: number): Promise<ServedCheck> {
  return pollServer(new URL('/readyz', server), 'catalog', revision, waitMs);
}

async function pollServer(url: URL, field: string, expected: string, waitMs: number): Promise<ServedCheck> {
  const started = performance.now();
  let last: ServedCheck = { state: 'no-server', reason: 'no answer' };
  for (;;) {
    try {
      const response = await fetch(url, { headers: { 'Cache-Control': 'no-cache' }, signal: AbortSignal.timeout(2000) });
      const body = response.ok ? ((await response.json()) as Record<string, unknown>) : (await response.body?.cancel(), undefined);
      const served = typeof body?.[field] === 'string' ? (body[field] as string) : undefined;
      if (served === expected) return { state: 'serving', seconds: Math.round((performance.now() - started) / 100) / 10 };
      last = { state: 'other', version: served, status: response.status };
    } catch (error) {
      // Refused or timed out: keep trying until the deadline, in case the server is restarting.
      if (last.state !== 'other') last = { state: 'no-server', reason: (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message };
    }
    // Nothing listening at all is known quickly; a server that answers gets the whole wait to follow.
    const waited = performance.now() - started;
    if (waited >= waitMs || (last.state === 'no-server' && waited >= Math.min(waitMs, NO_SERVER_MS))) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
