/** Last stop for an error that escaped a command: a readable message, never a stack for a known error. */
export declare function reportFatal(error: unknown): never;
