import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
/** Where running servers of this machine say which catalogue they serve; per machine, so never shared over a network. */
function registryDir() {
    return path.join(process.env.SAFEMAP_RUN_DIR ?? tmpdir(), `safemap-servers-${process.getuid?.() ?? 'user'}`);
}
/**
 * Records that this process serves `catalogFile`, so `safemap reload` can signal it; returns the function that removes
 * the record (at shutdown). A record left by a process that died is ignored and removed by the next look-up.
 */
export function registerServer(catalogFile) {
    const dir = registryDir();
    const file = path.join(dir, `${process.pid}.json`);
    try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        writeFileSync(file, JSON.stringify({ pid: process.pid, catalog: path.resolve(catalogFile) }), { mode: 0o600 });
    }
    catch {
        // Without the record `safemap reload` cannot signal this server; it still follows the catalogue file itself.
        return () => { };
    }
    return () => rmSync(file, { force: true });
}
/** Process ids of the live servers of this machine that serve `catalogFile`. */
export function serversOf(catalogFile) {
    const dir = registryDir();
    const wanted = path.resolve(catalogFile);
    let names;
    try {
        names = readdirSync(dir).filter((name) => /^\d+\.json$/.test(name));
    }
    catch {
        return [];
    }
    const pids = [];
    for (const name of names) {
        let entry;
        try {
            entry = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
        }
        catch {
            continue;
        }
        if (!isSafeMapProcess(entry.pid)) {
            rmSync(path.join(dir, name), { force: true });
            continue;
        }
        if (entry.catalog === wanted)
            pids.push(entry.pid);
    }
    return pids;
}
/**
 * Whether `pid` is alive and, where the system tells (Linux), still runs a `safemap` command: a recycled process id
 * must never receive a SIGHUP meant for a server, since hanging up ends most programs.
 */
function isSafeMapProcess(pid) {
    try {
        process.kill(pid, 0);
    }
    catch {
        return false;
    }
    try {
        const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return /safemap/i.test(commandLine);
    }
    catch {
        return process.platform !== 'linux';
    }
}
//# sourceMappingURL=server_registry.js.map