import type { CommandIo } from './validate_command.js';
/** `safemap export`: the public map as a static folder. */
export declare function exportCommand(argv: string[], io?: CommandIo): Promise<number>;
