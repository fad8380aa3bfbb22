import { SafeMapError } from '../errors.js';
/**
 * Bounds concurrent cache-miss tile generations per process. Work beyond `maxRunning + maxQueued` is refused at once
 * with an OVERLOADED error, so a flood of uncached tiles costs a fixed amount of memory and cached tiles keep flowing.
 * Each job starts on its own turn of the event loop, so a burst of slicing never starves cache hits.
 */
export class WorkLimiter {
    options;
    running = 0;
    queue = [];
    constructor(options) {
        this.options = options;
    }
    /** Runs `work` when a slot is free; rejects with OVERLOADED right away when the queue is full. */
    run(work) {
        if (this.running + this.queue.length >= this.options.maxRunning + this.options.maxQueued) {
            return Promise.reject(new SafeMapError('OVERLOADED', 'the server is busy generating tiles; retry shortly', { retryAfter: this.options.retryAfterSeconds }));
        }
        return new Promise((resolve, reject) => {
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
            if (this.running < this.options.maxRunning)
                job();
            else
                this.queue.push(job);
        });
    }
    /** Generations running or waiting. */
    get pending() {
        return this.running + this.queue.length;
    }
}
//# sourceMappingURL=work_limiter.js.map