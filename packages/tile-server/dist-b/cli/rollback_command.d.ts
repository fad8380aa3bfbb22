import type { CommandIo } from './validate_command.js';
export declare const DEFAULT_SERVER = "http://127.0.0.1:8080";
/** `safemap rollback`: switches each named tile set's pointer back, then confirms with the running server. */
export declare function rollbackCommand(argv: string[], io?: CommandIo): Promise<number>;
