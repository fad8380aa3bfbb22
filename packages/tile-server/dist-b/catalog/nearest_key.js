/**
 * The known key a misspelt one most likely meant (`attributon` → `attribution`), or undefined when none is close:
 * at most one edit per three characters, and never more than three; failing that, a key containing the word or
 * contained in it.
 */
export function nearestKey(word, candidates) {
    const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
    let best;
    let bestDistance = limit + 1;
    for (const candidate of candidates) {
        const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    if (best !== undefined)
        return best;
    // Column names often differ by a prefix or suffix (`WGS84위도` for `위도`): one containing the other is a good guess.
    const lower = word.toLowerCase();
    return candidates.find((candidate) => candidate.length >= 2 && (lower.includes(candidate.toLowerCase()) || candidate.toLowerCase().includes(lower)));
}
/** Damerau–Levenshtein (optimal string alignment): a swapped pair of letters counts as one typo, as people make them. */
export function editDistance(a, b) {
    const rows = a.length + 1;
    const cols = b.length + 1;
    const d = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i < rows; i += 1) {
        for (let j = 1; j < cols; j += 1) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}
//# sourceMappingURL=nearest_key.js.map