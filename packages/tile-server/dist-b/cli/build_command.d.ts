import type { CommandIo } from './validate_command.js';
/** `safemap build`: one archive from files (`-o`), or every tile set of a catalogue published (`--config`). */
export declare function buildCommand(argv: string[], io?: CommandIo): Promise<number>;
/** The file's base name without extension, as tippecanoe names layers; characters MVT readers choke on become `_`. */
export declare function layerNameOf(file: string): string;
