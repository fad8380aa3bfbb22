// Preloaded with `node --import` when GNU time is missing: at exit, writes the process's peak RSS (all threads) and
// CPU time in GNU time's "%e %M %U %S" layout to $SAFEMAP_BENCH_USAGE_FILE.
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.SAFEMAP_BENCH_USAGE_FILE;
// Only the measured process itself; its own child processes inherit the environment but must not overwrite.
delete process.env.SAFEMAP_BENCH_USAGE_FILE;
// Worker threads inherit --import; only the main thread reports, at the very end.
if (file && isMainThread) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, `0 ${usage.maxRSS} ${usage.userCPUTime / 1e6} ${usage.systemCPUTime / 1e6}\n`);
  });
}
