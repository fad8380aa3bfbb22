import { SafeMapError } from '../errors.js';

/** Settings of the bound on tile generation. */
export interface WorkLimiterOptions {
  /** Generations running at once. */
  maxRunning: number;
  /** Generations waiting for a slot; beyond this, requests are shed instead of queued. */
  maxQueued: number;
  /** Seconds a shed client is told to wait (`Retry-After`). */
  retryAfterSeconds: number;
}

type Job = () => void;

/**
 * Bounds concurrent cache-miss tile generations per process. Work beyond `maxRunning + maxQueued` is refused at once
 * with an OVERLOADED error, so a flood of uncached tiles costs a fixed amount of memory and cached tiles keep flowing.
 * Each job starts on its own turn of the event loop, so a burst of slicing never starves cache hits.
 */
export class WorkLimiter {
  private running = 0;
  private readonly queue: Job[] = [];

  constructor(readonly options: WorkLimiterOptions) {}

  /** Runs `work` when a slot is free; rejects with OVERLOADED right away when the queue is full. */
  run<T>(work: () => T | Promise<T>): Promise<T> {
    if (this.running + this.queue.length >= this.options.maxRunning + this.options.maxQueued) {
      return Promise.reject(
        new SafeMapError('OVERLOADED', 'the server is busy generating tiles; retry shortly', { retryAfter: this.options.retryAfterSeconds }),
      );
    }
    return new Promise<T>((resolve, reject) => {
      const job = () => {
        this.running += 1;
        setImmediate(() => {
          Promise.resolve()
            .then(work)
            .then(resolve, reject)
            .finally(() => {
              this.running -= 1;
              this.queue.shift()?.();
            });
        });
      };
      if (this.running < this.options.maxRunning) job();
      else this.queue.push(job);
    });
  }

  /** Generations running or waiting. */
  get pending(): number {
    return this.running + this.queue.length;
  }
}
