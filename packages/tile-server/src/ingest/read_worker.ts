import { parentPort } from 'node:worker_threads';
import { readPart, type PartRequest } from './read_part.js';

/** Reads one part of a file (reader and shared stage) off the thread that merges the parts. */
parentPort?.on('message', (request: PartRequest) => {
  readPart(request).then(
    (result) => {
      const { store } = result;
      // Transferred, never copied: each part is as large as the file's share of it.
      const buffers = [...(result.stage.addressHints ? [result.stage.addressHints] : []), store.x, store.y, store.origin, ...(store.lines ? [store.lines] : []), ...store.columns.flatMap((column) => [column.ids, ...column.bytes, column.ends, column.prefixIds, column.numbers])].map((array) => array.buffer as ArrayBuffer);
      parentPort!.postMessage({ result }, [...new Set(buffers)]);
    },
    (error: unknown) => parentPort!.postMessage({ error: { message: (error as Error).message, code: (error as { code?: string }).code, details: (error as { details?: unknown }).details } }),
  );
});
