import type { CommandIo } from './validate_command.js';
/** `safemap reload`: checks the catalogue, signals this machine's servers of it and confirms with the running one. */
export declare function reloadCommand(argv: string[], io?: CommandIo): Promise<number>;
