import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
/** `safemap <package version>`, recorded as the generator of every archive. */
export function generatorName() {
    const pkg = require('../../package.json');
    return `safemap ${pkg.version}`;
}
//# sourceMappingURL=archive_metadata.js.map