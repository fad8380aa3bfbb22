import { isSafeMapError } from '../errors.js';

/** Last stop for an error that escaped a command: a readable message, never a stack for a known error. */
export function reportFatal(error: unknown): never {
  if (isSafeMapError(error)) {
    process.stderr.write(`safemap: ${error.message}\n`);
    process.exit(error.code.startsWith('CATALOG') ? 3 : error.code.startsWith('SOURCE') ? 4 : 1);
  }
  process.stderr.write(`safemap: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
}
