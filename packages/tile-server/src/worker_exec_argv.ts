/**
 * Node flags for worker threads: the parent's, minus those only an entry script may take (`--input-type` makes a
 * worker file fail to load when the parent was started with `-e`). Heap limits and the like still apply to workers.
 */
export function workerExecArgv(): string[] {
  return process.execArgv.filter((flag) => !flag.startsWith('--input-type'));
}
