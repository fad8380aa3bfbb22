/**
 * Text from a file (a header, a file or sheet name, a cell) made safe to print in a terminal report: control
 * characters (escape sequences that recolour, move the cursor or retitle the window) and bidirectional overrides are
 * shown as `\u001b`-style escapes instead of being obeyed. `keepLines` leaves line feeds and tabs, for whole messages
 * that are laid out in lines.
 */
export function displayText(text, keepLines = false) {
    // eslint-disable-next-line no-control-regex
    const controls = keepLines
        ? /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]/g
        : /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
    return text.replace(controls, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
/** {@link displayText} in double quotes, for names inside a message. */
export function quoted(text) {
    return `"${displayText(text).replace(/"/g, '\\"')}"`;
}
//# sourceMappingURL=display_text.js.map