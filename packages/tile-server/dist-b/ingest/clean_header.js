/**
 * Trims names, removes a BOM, drops trailing empty columns (exports pad rows with dozens of commas) and makes
 * duplicates unique (`이름`, `이름_2`) so no column silently overwrites another.
 */
export function cleanHeader(raw) {
    const trimmed = raw.map((name, index) => (index === 0 ? name.replace(/^\uFEFF/, '') : name).normalize('NFC').trim());
    let end = trimmed.length;
    while (end > 0 && trimmed[end - 1] === '')
        end -= 1;
    const taken = new Set();
    const duplicates = [];
    const names = trimmed.slice(0, end).map((name, index) => {
        const base = name === '' ? `column_${index + 1}` : name;
        if (!taken.has(base)) {
            taken.add(base);
            return base;
        }
        let suffix = 2;
        while (taken.has(`${base}_${suffix}`))
            suffix += 1;
        const renamed = `${base}_${suffix}`;
        taken.add(renamed);
        if (name !== '')
            duplicates.push({ original: base, renamed, column: index + 1 });
        return renamed;
    });
    return { names, duplicates };
}
//# sourceMappingURL=clean_header.js.map