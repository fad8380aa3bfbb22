import { exitCodeFor, exitCodes } from '../cli/exit_codes.js';
import { isSafeMapError } from '../errors.js';

/** Last stop for an error that escaped a command: a readable message, never a stack for a known error. */
export function reportFatal(error: unknown): never {
  if (isSafeMapError(error)) {
    process.stderr.write(`safemap: ${error.message}\n`);
    process.exit(exitCodeFor(error.code));
  }
  process.stderr.write(`safemap: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(exitCodes.internal);
}
