/** Stable machine-readable error codes; HTTP status and CLI exit code derive from them in one place each. */
export type ErrorCode = 'CATALOG_INVALID' | 'CATALOG_UNREADABLE' | 'SOURCE_UNREADABLE' | 'SOURCE_INVALID' | 'CRS_REQUIRED' | 'DATA_INVALID' | 'USAGE' | 'OUTPUT_EXISTS' | 'WRITE_FAILED' | 'ARCHIVE_INVALID' | 'NO_PREVIOUS_VERSION' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'TILE_COORDS_INVALID' | 'BAD_PARAMETER' | 'NOT_FOUND' | 'METHOD_NOT_ALLOWED' | 'RATE_LIMITED' | 'OVERLOADED'
/** The request's Host is not one this server builds links for (no PUBLIC_URL, not in ALLOWED_HOSTS). */
 | 'MISDIRECTED'
/** A tile set whose archive was refused at load or cannot be read now; served again once a good one is published. */
 | 'TILESET_UNAVAILABLE' | 'INTERNAL';
/** Base error of SafeMap: every error that crosses a module boundary carries a stable code. */
export declare class SafeMapError extends Error {
    readonly code: ErrorCode;
    /** Safe-to-publish details (never raw request input). */
    readonly details: Record<string, unknown> | undefined;
    constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, options?: {
        cause?: unknown;
    });
}
export declare function isSafeMapError(error: unknown): error is SafeMapError;
