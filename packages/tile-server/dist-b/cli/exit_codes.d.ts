import type { ErrorCode } from '../errors.js';
/**
 * The one exit-code table of the `safemap` command: one code per failure class, so scripts can branch on it.
 * Codes 124–127 and 128+n are left to shells and signals.
 */
export declare const exitCodes: {
    readonly ok: 0;
    readonly internal: 1;
    readonly usage: 2;
    readonly catalogInvalid: 3;
    readonly sourceUnreadable: 4;
    readonly sourceInvalid: 5;
    readonly crsRequired: 6;
    readonly dataInvalid: 7;
    readonly outputExists: 8;
    readonly writeFailed: 9;
    readonly noPreviousVersion: 10;
    readonly archiveInvalid: 11;
    readonly notServed: 12;
};
export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];
export declare function exitCodeFor(code: ErrorCode): ExitCode;
/** For `--help` and the README. */
export declare const exitCodeTable: ReadonlyArray<[ExitCode, string]>;
