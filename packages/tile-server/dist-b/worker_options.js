/**
 * Node flags for worker threads: the parent's, minus those only an entry script may take (`--input-type` makes a
 * worker file fail to load when the parent was started with `-e`) and the heap sizes, which a worker takes as
 * resource limits instead (Node refuses them as flags alongside resource limits). A heap cap of the parent's applies
 * to each worker too.
 */
export function workerOptions(limits = {}) {
    const execArgv = [];
    const resourceLimits = { ...limits };
    for (const flag of process.execArgv) {
        const oldSpace = /^--max-old-space-size=(\d+)$/.exec(flag);
        if (oldSpace)
            resourceLimits.maxOldGenerationSizeMb = Number(oldSpace[1]);
        else if (!flag.startsWith('--input-type') && !flag.startsWith('--max-semi-space-size'))
            execArgv.push(flag);
    }
    return { execArgv, resourceLimits };
}
//# sourceMappingURL=worker_options.js.map