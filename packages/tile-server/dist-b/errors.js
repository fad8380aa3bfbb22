/** Base error of SafeMap: every error that crosses a module boundary carries a stable code. */
export class SafeMapError extends Error {
    code;
    /** Safe-to-publish details (never raw request input). */
    details;
    constructor(code, message, details, options) {
        super(message, options);
        this.name = 'SafeMapError';
        this.code = code;
        this.details = details;
    }
}
export function isSafeMapError(error) {
    return error instanceof SafeMapError;
}
//# sourceMappingURL=errors.js.map