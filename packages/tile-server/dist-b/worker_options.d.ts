import type { ResourceLimits } from 'node:worker_threads';
/**
 * Node flags for worker threads: the parent's, minus those only an entry script may take (`--input-type` makes a
 * worker file fail to load when the parent was started with `-e`) and the heap sizes, which a worker takes as
 * resource limits instead (Node refuses them as flags alongside resource limits). A heap cap of the parent's applies
 * to each worker too.
 */
export declare function workerOptions(limits?: ResourceLimits): {
    execArgv: string[];
    resourceLimits: ResourceLimits;
};
