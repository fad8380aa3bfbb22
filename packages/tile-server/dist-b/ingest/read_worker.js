import { parentPort } from 'node:worker_threads';
import { readPart } from './read_part.js';
/** Reads one part of a file (reader and shared stage) off the thread that merges the parts. */
parentPort?.on('message', (request) => {
    readPart(request).then((result) => {
        const { store } = result;
        // Transferred, never copied: each part is as large as the file's share of it.
        const buffers = [store.x, store.y, store.origin, ...(store.lines ? [store.lines] : []), ...store.columns.flatMap((column) => [column.ids, column.bytes, column.ends, column.numbers])].map((array) => array.buffer);
        parentPort.postMessage({ result }, [...new Set(buffers)]);
    }, (error) => parentPort.postMessage({ error: { message: error.message, code: error.code, details: error.details } }));
});
//# sourceMappingURL=read_worker.js.map