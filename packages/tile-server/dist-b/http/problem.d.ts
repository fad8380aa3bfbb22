import type { ServerResponse } from 'node:http';
export interface Problem {
    readonly status: number;
    readonly code: string;
    readonly title: string;
    readonly detail?: string;
    readonly extra?: Record<string, unknown>;
}
/**
 * The one place where errors become RFC 9457 problem documents. Only SafeMap errors keep their message, and those
 * messages never contain request input; anything unexpected becomes an opaque 500.
 */
export declare function problemFromError(error: unknown): Problem;
export declare function problem(status: number, code: string, detail?: string, extra?: Record<string, unknown>): Problem;
export declare function sendProblem(res: ServerResponse, value: Problem, headers?: Record<string, string>): void;
