/**
 * Properties searched, in order of how much a match there counts: names (Korean, then the romanised forms agencies
 * publish as `name_en`, `name:en` or `name_eng`), then address-like keys.
 */
export const SEARCH_KEYS = ['name', 'name_en', 'name:en', 'name_eng', 'address', 'location', 'district'];
const NAME_KEYS = 4;
/**
 * Folds case, width (NFKC), spacing and the punctuation people leave out or put in ("Haeundae-gu", "haeundae gu",
 * "해운대 구" and "해운대구" all become the same), so a query matches however it is spaced.
 */
export function normalizeForSearch(text) {
    return text
        .normalize('NFKC')
        .toLowerCase()
        .replace(/[\s\u200b-\u200d\ufeff\-_.,·'’()/]+/g, '');
}
/**
 * The two texts a feature is indexed under, as tokens for the look-up file's full-text table: every character bigram
 * of each normalised field, and each field's last character alone, so that every character starts some token and a
 * one-character query is a prefix query. Tokens are the code points in fixed-width hex: no tokenizer can split or
 * fold them, whatever script or symbol the data holds. Undefined when the feature has nothing to search.
 */
export function searchTokens(properties) {
    const names = [];
    const places = [];
    SEARCH_KEYS.forEach((key, rank) => {
        const value = properties[key];
        if (typeof value !== 'string')
            return;
        const chars = [...normalizeForSearch(value)];
        const out = rank < NAME_KEYS ? names : places;
        for (let i = 0; i < chars.length; i++)
            out.push(i + 1 < chars.length ? hex(chars[i]) + hex(chars[i + 1]) : hex(chars[i]));
    });
    return names.length + places.length === 0 ? undefined : { names: names.join(' '), places: places.join(' ') };
}
/**
 * The full-text query that finds every feature whose field contains the normalised needle (and a few that only hold
 * all its bigrams apart): all of its bigram tokens, or for one character every token that starts with it.
 */
export function matchExpression(needle) {
    const chars = [...needle];
    if (chars.length === 0)
        return undefined;
    if (chars.length === 1)
        return `${hex(chars[0])}*`;
    const tokens = new Set();
    for (let i = 0; i + 1 < chars.length; i++)
        tokens.add(hex(chars[i]) + hex(chars[i + 1]));
    return [...tokens].join(' ');
}
/**
 * Checks candidates against the needle itself and ranks them: grouped by layer in first-seen order, each group best
 * first and cut to `limit`, with the number of matches among the candidates.
 */
export function rankMatches(candidates, needle, query) {
    const byLayer = new Map();
    const seen = new Set();
    for (const entry of candidates) {
        if (query.layer !== undefined && entry.layer !== query.layer)
            continue;
        const key = `${entry.layer}\u0000${entry.id}`;
        if (seen.has(key))
            continue;
        seen.add(key);
        const fields = SEARCH_KEYS.map((name) => {
            const value = entry.properties[name];
            return typeof value === 'string' ? normalizeForSearch(value) : undefined;
        });
        const score = scoreOf(fields, needle);
        if (score === undefined || (query.keep && !query.keep(entry)))
            continue;
        let hits = byLayer.get(entry.layer);
        if (!hits)
            byLayer.set(entry.layer, (hits = []));
        hits.push({ entry, score });
    }
    return [...byLayer].map(([layer, hits]) => ({
        layer,
        total: hits.length,
        hits: hits.sort((a, b) => a.score - b.score || a.entry.id - b.entry.id).slice(0, query.limit),
    }));
}
function hex(char) {
    return char.codePointAt(0).toString(16).padStart(6, '0');
}
/** 0: a name starts with the needle; 1: a name contains it; 2+: another key contains it (by key order). */
function scoreOf(fields, needle) {
    let best;
    fields.forEach((field, rank) => {
        if (field === undefined || best === 0)
            return;
        let score;
        if (rank < NAME_KEYS)
            score = field.startsWith(needle) ? 0 : field.includes(needle) ? 1 : undefined;
        else if (field.includes(needle))
            score = 2 + rank - NAME_KEYS;
        if (score !== undefined && (best === undefined || score < best))
            best = score;
    });
    return best;
}
//# sourceMappingURL=text_search.js.map