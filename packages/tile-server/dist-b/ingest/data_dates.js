/** Field names that carry the date the data describes: 데이터기준일자 in standard data, and API/English spellings. */
const dateFieldPattern = /^(데이터기준일자|데이터기준일|데이터갱신일자|기준일자|기준일|자료기준일자|data_?date|reference_?date|ref_?date|base_?date|REFERENCE_DATE|DATA_STD_DE|STD_DE|CRTR_YMD)$/i;
/** Whether a column or property holds the data date. */
export function isDataDateField(name) {
    return dateFieldPattern.test(name.replace(/\s+/g, ''));
}
/** Reads `2022-06-08`, `20220608`, `2022.06.08`, `2022/6/8` (optionally followed by a time) as ISO `YYYY-MM-DD`. */
export function parseDataDate(value) {
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
    const match = /^(\d{4})[-./]?(\d{1,2})[-./]?(\d{1,2})(?:[ T].*)?$/.exec(text);
    if (!match)
        return undefined;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (text.length === 8 && !/^\d{8}$/.test(text))
        return undefined;
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
        return undefined;
    return date.toISOString().slice(0, 10);
}
/** Counts the rows of each distinct data date and remembers where each date was first seen. */
export class DataDates {
    #dates = new Map();
    add(date, where) {
        const seen = this.#dates.get(date);
        if (seen)
            seen.rows += 1;
        else
            this.#dates.set(date, { rows: 1, ...where });
    }
    /** Distinct dates, oldest first. */
    sorted() {
        return [...this.#dates.keys()].sort();
    }
    entries() {
        return [...this.#dates.entries()].sort(([a], [b]) => a.localeCompare(b));
    }
}
//# sourceMappingURL=data_dates.js.map