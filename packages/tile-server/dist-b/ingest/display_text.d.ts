/**
 * Text from a file (a header, a file or sheet name, a cell) made safe to print in a terminal report: control
 * characters (escape sequences that recolour, move the cursor or retitle the window) and bidirectional overrides are
 * shown as `\u001b`-style escapes instead of being obeyed. `keepLines` leaves line feeds and tabs, for whole messages
 * that are laid out in lines.
 */
export declare function displayText(text: string, keepLines?: boolean): string;
/** {@link displayText} in double quotes, for names inside a message. */
export declare function quoted(text: string): string;
