import { parentPort } from 'node:worker_threads';
import { readPart, type PartRequest } from './read_part.js';

/** Reads one part of a file (reader and shared stage) off the thread that merges the parts. */
parentPort?.on('message', (request: PartRequest) => {
  readPart(request).then(
    (result) => parentPort!.postMessage({ result }, [result.store.x.buffer, result.store.y.buffer, result.store.origin.buffer, ...result.store.columns.flatMap((column) => [column.ids.buffer, column.bytes.buffer, column.ends.buffer, column.numbers.buffer])] as ArrayBuffer[]),
    (error: unknown) => parentPort!.postMessage({ error: { message: (error as Error).message, code: (error as { code?: string }).code, details: (error as { details?: unknown }).details } }),
  );
});
