const noStep = { update() { }, done() { } };
/** Reports nothing: output that is not a terminal, or `-q`. */
export const silentProgress = { step: () => noStep };
/** One JSON object per line (`--json-progress`): `{"step":"tiles","done":3,"total":15,"progress":20.0}`. */
export function jsonProgress(write) {
    return {
        step(name, total) {
            const emit = (done) => write(`${JSON.stringify({ step: name, done, total, progress: total > 0 ? Math.round((done / total) * 1000) / 10 : 100 })}\n`);
            let last = -1;
            return {
                update(done) {
                    // At most one line per whole percent keeps the stream small for million-tile builds.
                    const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
                    if (percent === last)
                        return;
                    last = percent;
                    emit(done);
                },
                done() {
                    if (last !== 100)
                        emit(total);
                    last = 100;
                },
            };
        },
    };
}
/** A bar per step, redrawn in place on a terminal (stderr), at most ten times a second. */
export function terminalProgress(write, width = 30) {
    return {
        step(name, total) {
            let lastDraw = 0;
            const draw = (done, final) => {
                const now = Date.now();
                if (!final && now - lastDraw < 100)
                    return;
                lastDraw = now;
                if (total <= 0) {
                    // Unknown total (rows of a streamed file): a running count instead of a bar.
                    write(`\r${name.padEnd(9)} ${done}${final ? '\n' : ''}`);
                    return;
                }
                const fraction = Math.min(1, done / total);
                const filled = Math.round(fraction * width);
                write(`\r${name.padEnd(9)} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}% ${done}/${total}${final ? '\n' : ''}`);
            };
            draw(0, false);
            let latest = 0;
            return {
                update: (done) => draw((latest = done), false),
                done: () => draw(total > 0 ? total : latest, true),
            };
        },
    };
}
//# sourceMappingURL=progress.js.map