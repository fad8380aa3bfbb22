/** Cells that mean "no value" in agency exports, including the full-width minus used as a dash in Japanese data. */
const emptyCells = new Set(['', 'null', 'NULL', 'Null', '-', '\u2212', '\uFF0D', 'N/A', 'n/a']);

const canonicalDecimal = /^-?(0|[1-9]\d*)(\.\d*[1-9])?$/;

/**
 * Types one CSV cell: a canonical decimal that round-trips becomes a number, so phone numbers, codes with leading
 * zeros and `2018-09` stay text; empty, `null` and dash cells give undefined (the property is omitted).
 */
export function typeCell(cell: string): string | number | undefined {
  const text = cell.trim().normalize('NFC');
  if (emptyCells.has(text)) return undefined;
  if (text.length <= 17 && canonicalDecimal.test(text)) {
    const number = Number(text);
    if (Number.isFinite(number) && String(number) === text) return number;
  }
  return text;
}

/** Whether a cell holds no value (so a required field counts as missing). */
export function isEmptyCell(cell: string | undefined): boolean {
  return cell === undefined || emptyCells.has(cell.trim());
}

/**
 * Parses a coordinate cell: plain decimals with an optional sign (the Unicode minus too) and exponent. Thousands
 * separators and decimal commas are refused rather than guessed.
 */
export function parseCoordinate(cell: string | undefined): number | undefined {
  if (cell === undefined) return undefined;
  const text = cell.trim().replace(/^[\u2212\uFF0D]/, '-');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
