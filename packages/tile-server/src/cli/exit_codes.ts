import type { ErrorCode } from '../errors.js';

/**
 * The one exit-code table of the `safemap` command: one code per failure class, so scripts can branch on it.
 * Codes 124–127 and 128+n are left to shells and signals.
 */
export const exitCodes = {
  ok: 0,
  internal: 1,
  usage: 2,
  catalogInvalid: 3,
  sourceUnreadable: 4,
  sourceInvalid: 5,
  crsRequired: 6,
  dataInvalid: 7,
  outputExists: 8,
  writeFailed: 9,
  noPreviousVersion: 10,
  archiveInvalid: 11,
  notServed: 12,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

const byErrorCode: Partial<Record<ErrorCode, ExitCode>> = {
  USAGE: exitCodes.usage,
  CATALOG_INVALID: exitCodes.catalogInvalid,
  CATALOG_UNREADABLE: exitCodes.catalogInvalid,
  SOURCE_UNREADABLE: exitCodes.sourceUnreadable,
  SOURCE_INVALID: exitCodes.sourceInvalid,
  CRS_REQUIRED: exitCodes.crsRequired,
  DATA_INVALID: exitCodes.dataInvalid,
  OUTPUT_EXISTS: exitCodes.outputExists,
  WRITE_FAILED: exitCodes.writeFailed,
  NO_PREVIOUS_VERSION: exitCodes.noPreviousVersion,
  ARCHIVE_INVALID: exitCodes.archiveInvalid,
};

export function exitCodeFor(code: ErrorCode): ExitCode {
  return byErrorCode[code] ?? exitCodes.internal;
}

/** For `--help` and the README. */
export const exitCodeTable: ReadonlyArray<[ExitCode, string]> = [
  [0, 'success (validate: no errors in the data; warnings allowed)'],
  [1, 'unexpected internal error'],
  [2, 'usage error: unknown option or missing argument'],
  [3, 'the layer catalogue is unreadable or invalid'],
  [4, 'an input file cannot be read'],
  [5, 'an input file cannot be parsed (format, columns, geometry)'],
  [6, 'projected coordinates without a declared CRS: refused'],
  [7, 'problems in the data: validate found errors (in files, or in a catalogue\'s layers), build cannot tile it as asked (a max-zoom tile over 500 KB), or the publish guard refused: the result is empty, or a layer lost more than half of its features against the live version (nothing written; --allow-shrink forces a catalogue publish)'],
  [8, 'the output exists: use -f to overwrite'],
  [9, 'writing or verifying the output failed; nothing was published'],
  [10, 'rollback: no previous version to return to'],
  [11, 'an archive is corrupt or not a tile archive'],
  [12, 'rollback: the pointer is switched, but the running server still serves another version'],
];

/** The table as every command's `--help` lists it, one code a line. */
export const exitCodeHelp = exitCodeTable.map(([code, meaning]) => `  ${String(code).padStart(2)}  ${meaning}`).join('\n');
