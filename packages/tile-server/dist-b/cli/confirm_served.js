/** How long to keep trying when nothing answers at all (a server restarting answers again within this). */
const NO_SERVER_MS = 1500;
/**
 * Polls the tile set's TileJSON on the running server until it hands out `version` (the server follows a pointer
 * within about a second), for at most `waitMs`. Distinguishes a server that answers with another version (it did
 * not follow: its log says why) from no server at all (nothing to confirm; the pointer is what a server reads at
 * start-up).
 */
export function confirmServed(server, tileset, version, waitMs) {
    return pollServer(new URL(`/tiles/${encodeURIComponent(tileset)}.json`, server), 'safemap:version', version, waitMs);
}
/** Polls the server's `/readyz` until it reports catalogue `revision` (see LoadedCatalog), as `confirmServed` does. */
export function confirmCatalog(server, revision, waitMs) {
    return pollServer(new URL('/readyz', server), 'catalog', revision, waitMs);
}
async function pollServer(url, field, expected, waitMs) {
    const started = performance.now();
    let last = { state: 'no-server', reason: 'no answer' };
    for (;;) {
        try {
            const response = await fetch(url, { headers: { 'Cache-Control': 'no-cache' }, signal: AbortSignal.timeout(2000) });
            const body = response.ok ? (await response.json()) : (await response.body?.cancel(), undefined);
            const served = typeof body?.[field] === 'string' ? body[field] : undefined;
            if (served === expected)
                return { state: 'serving', seconds: Math.round((performance.now() - started) / 100) / 10 };
            last = { state: 'other', version: served, status: response.status };
        }
        catch (error) {
            // Refused or timed out: keep trying until the deadline, in case the server is restarting.
            if (last.state !== 'other')
                last = { state: 'no-server', reason: error.cause instanceof Error ? error.cause.message : error.message };
        }
        // Nothing listening at all is known quickly; a server that answers gets the whole wait to follow.
        const waited = performance.now() - started;
        if (waited >= waitMs || (last.state === 'no-server' && waited >= Math.min(waitMs, NO_SERVER_MS)))
            return last;
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
}
//# sourceMappingURL=confirm_served.js.map