import { describeCrs } from './crs.js';
import { displayText } from './display_text.js';
/** Locations listed per group in the text report; the JSON report always has all of them. */
const locationsShown = 12;
/**
 * The validation report for people: per file a summary line, then problems grouped by kind and reason with their
 * CSV lines (`file:12, 15–40`) or GeoJSON feature indexes, errors before warnings.
 */
export function formatReportText(result) {
    const out = [];
    for (const source of result.sources) {
        const file = displayText(source.file);
        out.push(`${file}: ${source.format}, ${source.encoding}, ${displayText(source.crs.length > 40 ? describeCrs(source.crs) : source.crs)}; ${source.rows} rows read, ${source.accepted} accepted, ${source.quarantined} quarantined` +
            (source.dataDates.length > 0 ? `; data date${source.dataDates.length === 1 ? '' : 's'} ${summariseDates(source.dataDates)}` : ''));
        if (source.layer)
            out.push(`  read ${source.layer}`);
        const mine = result.problems.filter((problem) => problem.file === source.file);
        const groups = new Map();
        for (const problem of mine) {
            // Problems differing only in the values they quote (a cell, a position, a count) are one kind of problem.
            const key = `${problem.severity === 'error' ? 0 : 1}\u0000${problem.kind}\u0000${reasonTemplate(problem.reason)}`;
            const group = groups.get(key);
            if (group)
                group.push(problem);
            else
                groups.set(key, [problem]);
        }
        const ordered = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        for (const [key, problems] of ordered) {
            const first = problems[0];
            const action = first.quarantined ? 'quarantined' : first.severity === 'error' ? 'kept (--keep-suspect)' : 'kept';
            const alike = problems.every((problem) => problem.reason === first.reason);
            out.push(`  ${first.severity} ${first.kind} (${problems.length}, ${action}): ${displayText(alike ? first.reason : key.split('\u0000')[2])}`);
            out.push(`    at ${file}:${formatLocations(problems)}`);
            if (alike)
                continue;
            for (const example of problems.slice(0, examplesShown)) {
                const where = example.line !== undefined ? `line ${example.line}` : `feature ${example.feature ?? '?'}`;
                out.push(`    e.g. ${where}: ${displayText(example.reason)}`);
            }
        }
        if (mine.length === 0)
            out.push('  no problems found');
    }
    const errors = result.problems.filter((problem) => problem.severity === 'error').length;
    const warnings = result.problems.length - errors;
    const quarantined = result.sources.reduce((sum, source) => sum + source.quarantined, 0);
    out.push(`${result.sources.length} file${result.sources.length === 1 ? '' : 's'}: ${result.features.length} features accepted, ${quarantined} quarantined, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
    // Names and cells from the files end up in these lines: a terminal must print them, never obey them.
    return `${out.map((line) => displayText(line, true)).join('\n')}\n`;
}
/** Examples shown under a group whose rows differ in the values they quote. */
const examplesShown = 3;
/** A reason with its quoted text and numbers replaced by "…", so rows that differ only in those group together. */
export function reasonTemplate(reason) {
    return reason.replace(/"(?:[^"\\]|\\.)*"/g, '"…"').replace(/-?\d+(?:[.,]\d+)*/g, '…');
}
/** The validation report for machines (`--json`): sources, every problem and counts; never the features. */
export function reportJson(result) {
    const byKind = {};
    for (const problem of result.problems)
        byKind[problem.kind] = (byKind[problem.kind] ?? 0) + 1;
    const errors = result.problems.filter((problem) => problem.severity === 'error').length;
    return {
        clean: errors === 0,
        counts: {
            files: result.sources.length,
            accepted: result.features.length,
            quarantined: result.sources.reduce((sum, source) => sum + source.quarantined, 0),
            errors,
            warnings: result.problems.length - errors,
            byKind,
        },
        sources: result.sources,
        problems: result.problems,
    };
}
function formatLocations(problems) {
    const lines = problems.flatMap((problem) => (problem.line === undefined ? [] : [problem.line]));
    if (lines.length === problems.length)
        return compressRanges(lines, '');
    const features = problems.flatMap((problem) => (problem.feature === undefined ? [] : [problem.feature]));
    return `feature ${compressRanges(features, '')}`;
}
/** `2, 3, 4, 9` → `2–4, 9`, with at most {@link locationsShown} entries and a count of the rest. */
function compressRanges(values, prefix) {
    const sorted = [...new Set(values)].sort((a, b) => a - b);
    const ranges = [];
    let start = sorted[0];
    let previous = start;
    for (const value of [...sorted.slice(1), undefined]) {
        if (value !== undefined && previous !== undefined && value === previous + 1) {
            previous = value;
            continue;
        }
        if (start !== undefined)
            ranges.push(start === previous ? `${prefix}${start}` : `${prefix}${start}–${previous}`);
        start = value;
        previous = value;
    }
    const shown = ranges.slice(0, locationsShown).join(', ');
    return ranges.length > locationsShown ? `${shown} and ${ranges.length - locationsShown} more` : shown;
}
function summariseDates(dates) {
    return dates.length <= 3 ? dates.join(', ') : `${dates[0]} … ${dates[dates.length - 1]} (${dates.length} distinct)`;
}
//# sourceMappingURL=format_report.js.map