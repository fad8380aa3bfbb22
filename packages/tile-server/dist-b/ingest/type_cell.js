/** Cells that mean "no value" in agency exports, including the full-width minus used as a dash in Japanese data. */
const emptyCells = new Set(['', 'null', 'NULL', 'Null', '-', '\u2212', '\uFF0D', 'N/A', 'n/a']);
const canonicalDecimal = /^-?(0|[1-9]\d*)(\.\d*[1-9])?$/;
/**
 * Types one CSV cell: a canonical decimal that round-trips becomes a number, so phone numbers, codes with leading
 * zeros and `2018-09` stay text; empty, `null` and dash cells give undefined (the property is omitted).
 */
export function typeCell(cell) {
    const text = cell.trim().normalize('NFC');
    if (emptyCells.has(text))
        return undefined;
    if (text.length <= 17 && canonicalDecimal.test(text)) {
        const number = Number(text);
        if (Number.isFinite(number) && String(number) === text)
            return number;
    }
    return text;
}
/** Whether a cell holds no value (so a required field counts as missing). */
export function isEmptyCell(cell) {
    return cell === undefined || emptyCells.has(cell.trim());
}
/**
 * Parses a coordinate cell: plain decimals with an optional sign (the Unicode minus too) and exponent. Thousands
 * separators and decimal commas are refused rather than guessed.
 */
export function parseCoordinate(cell) {
    if (cell === undefined)
        return undefined;
    const text = cell.trim().replace(/^[\u2212\uFF0D]/, '-');
    if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text))
        return undefined;
    const value = Number(text);
    return Number.isFinite(value) ? value : undefined;
}
const dms = /^([NSEW북남동서]|북위|남위|동경|서경)?\s*(\d{1,3}(?:\.\d+)?)\s*[°º˚도d]\s*(?:(\d{1,2}(?:\.\d+)?)\s*(?:['′’`분m]|(?=\d))\s*)?(?:(\d{1,2}(?:\.\d+)?)\s*(?:"|″|”|''|′′|’’|초|s)?\s*)?([NSEW])?$/i;
/**
 * Parses a coordinate cell as {@link parseCoordinate} does, and otherwise repairs the two slips seen in agency files,
 * saying so: Google-Maps degrees-minutes-seconds in one cell (`35°08'54.3"N`, `129° 03′ 31.2″ E`, `N35°8.905'`), and a
 * trailing separator (`129.0345,`). Anything else stays unparseable.
 */
export function parseCoordinateCell(cell) {
    const plain = parseCoordinate(cell);
    if (plain !== undefined)
        return { value: plain };
    if (cell === undefined)
        return undefined;
    const text = cell.trim();
    const trimmed = text.replace(/\s*[,;:/]+$/, '');
    if (trimmed !== text) {
        const value = parseCoordinate(trimmed);
        if (value !== undefined)
            return { value, repair: 'typo' };
    }
    const match = dms.exec(trimmed.normalize('NFC'));
    if (!match)
        return undefined;
    const [, before, degrees, minutes = '0', seconds = '0', after] = match;
    if (before && after)
        return undefined;
    const [d, m, s] = [Number(degrees), Number(minutes), Number(seconds)];
    if (m >= 60 || s >= 60 || (m % 1 !== 0 && s !== 0))
        return undefined;
    const hemisphere = (before ?? after ?? '').toUpperCase();
    const sign = /^[SW남서]|남위|서경/.test(hemisphere) ? -1 : 1;
    const value = sign * (d + m / 60 + s / 3600);
    return Math.abs(value) <= 180 ? { value: Math.round(value * 1e9) / 1e9, repair: 'dms' } : undefined;
}
//# sourceMappingURL=type_cell.js.map