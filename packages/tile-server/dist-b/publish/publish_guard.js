/**
 * The publish guard: a layer that comes out empty, or with fewer than half the features of the live version, is
 * almost always a broken export (every row quarantined, a truncated file, the wrong sheet), and publishing it would
 * wipe the map residents use. Such a publish is refused unless forced with `--allow-shrink`.
 */
export function judgeLayer(before, after) {
    if (after === 0)
        return 'empty';
    if (before !== null && after * 2 < before)
        return 'shrunk';
    return 'ok';
}
export function refusedChanges(changes) {
    return changes.filter((change) => change.verdict !== 'ok');
}
/** `3 → 0 features` and, when known, `+1 −3 ~0`. */
export function formatChange(change) {
    const before = change.before === null ? 'none' : String(change.before);
    const diff = change.diff ? ` (added ${change.diff.added}, removed ${change.diff.removed}, changed ${change.diff.changed})` : '';
    const verdict = change.verdict === 'empty' ? '  REFUSED: the layer is empty' : change.verdict === 'shrunk' ? '  REFUSED: lost more than half of its features' : '';
    return `${before} → ${change.after} features${diff}${verdict}`;
}
/** The refusal message, with the next step. */
export function guardMessage(refused) {
    const what = refused.map((change) => `${change.tileset}/${change.layer} ${change.before ?? 'none'} → ${change.after}${change.verdict === 'empty' ? ' (empty)' : ' (lost more than half)'}`);
    return (`publish refused: ${what.join(', ')}; the live version stays. ` +
        'Run "safemap validate --config" to see why rows were left out, fix the source, or publish anyway with --allow-shrink');
}
//# sourceMappingURL=publish_guard.js.map