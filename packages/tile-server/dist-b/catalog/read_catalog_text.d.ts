/**
 * Decodes a catalogue's bytes: UTF-8 with or without a BOM (Notepad writes one). Anything else is refused by name
 * rather than guessed, because a CP949 catalogue would otherwise turn its Korean column names into mojibake and
 * fail much later with a message about a data column.
 */
export declare function decodeCatalogText(bytes: Uint8Array, file: string): string;
/** Parses catalogue text; a syntax error is reported as file:line:column with the line and a caret. */
export declare function parseCatalogJson(text: string, file: string): unknown;
