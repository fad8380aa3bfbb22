import { exitCodeFor, exitCodes } from '../cli/exit_codes.js';
import { isSafeMapError } from '../errors.js';
import { displayText } from '../ingest/display_text.js';
/** Last stop for an error that escaped a command: a readable message, never a stack for a known error. */
export function reportFatal(error) {
    if (isSafeMapError(error)) {
        process.stderr.write(`safemap: ${displayText(error.message, true)}\n`);
        process.exit(exitCodeFor(error.code));
    }
    process.stderr.write(`safemap: unexpected error: ${error?.stack ?? String(error)}\n`);
    process.exit(exitCodes.internal);
}
//# sourceMappingURL=report_fatal.js.map