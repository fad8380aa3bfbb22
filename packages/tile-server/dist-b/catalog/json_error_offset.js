/**
 * Where JSON text first stops being JSON, as an offset. V8 names the position for some errors and not for others
 * (`Unexpected token '}', "…" is not valid JSON`), so the catalogue reader finds it itself: a plain recursive-descent
 * scan of the grammar that only locates, and never builds values.
 */
export function jsonErrorOffset(text) {
    let at = 0;
    const fail = () => {
        throw at;
    };
    const space = () => {
        while (at < text.length && ' \t\n\r'.includes(text[at]))
            at += 1;
    };
    const literal = (word) => {
        for (const char of word) {
            if (text[at] !== char)
                fail();
            at += 1;
        }
    };
    const string = () => {
        if (text[at] !== '"')
            fail();
        at += 1;
        while (at < text.length && text[at] !== '"') {
            const code = text.charCodeAt(at);
            if (code < 0x20)
                fail();
            if (text[at] === '\\') {
                at += 1;
                if (text[at] === 'u') {
                    if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5)))
                        fail();
                    at += 4;
                }
                else if (!'"\\/bfnrt'.includes(text[at] ?? 'x'))
                    fail();
            }
            at += 1;
        }
        if (text[at] !== '"')
            fail();
        at += 1;
    };
    const number = () => {
        const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at, at + 400));
        if (!match || match[0] === '' || match[0] === '-')
            fail();
        at += match[0].length;
    };
    const value = () => {
        space();
        const char = text[at];
        if (char === '{') {
            at += 1;
            space();
            if (text[at] === '}')
                return void (at += 1);
            for (;;) {
                space();
                string();
                space();
                if (text[at] !== ':')
                    fail();
                at += 1;
                value();
                space();
                if (text[at] === ',')
                    at += 1;
                else if (text[at] === '}')
                    return void (at += 1);
                else
                    fail();
            }
        }
        if (char === '[') {
            at += 1;
            space();
            if (text[at] === ']')
                return void (at += 1);
            for (;;) {
                value();
                space();
                if (text[at] === ',')
                    at += 1;
                else if (text[at] === ']')
                    return void (at += 1);
                else
                    fail();
            }
        }
        if (char === '"')
            return string();
        if (char === 't')
            return literal('true');
        if (char === 'f')
            return literal('false');
        if (char === 'n')
            return literal('null');
        return number();
    };
    try {
        value();
        space();
        return at < text.length ? at : undefined;
    }
    catch (offset) {
        if (typeof offset !== 'number')
            throw offset;
        return offset;
    }
}
//# sourceMappingURL=json_error_offset.js.map