/**
 * The known key a misspelt one most likely meant (`attributon` → `attribution`), or undefined when none is close:
 * at most one edit per three characters, and never more than three; failing that, a key containing the word or
 * contained in it.
 */
export declare function nearestKey(word: string, candidates: readonly string[]): string | undefined;
/** Damerau–Levenshtein (optimal string alignment): a swapped pair of letters counts as one typo, as people make them. */
export declare function editDistance(a: string, b: string): number;
