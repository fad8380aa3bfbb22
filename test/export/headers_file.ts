/** Reads a `_headers` file (Netlify / Cloudflare Pages format): path pattern → header name → value. */
export function parseHeadersFile(text: string): Map<string, Record<string, string>> {
  const rules = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      if (rules.has(line.trim())) throw new Error(`_headers line ${index + 1}: ${line.trim()} appears twice`);
      rules.set(line.trim(), (current = {}));
      continue;
    }
    const match = /^\s+([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
    if (!match || !current) throw new Error(`_headers line ${index + 1}: not "  Name: value" under a path`);
    current[match[1]!] = match[2]!;
  }
  return rules;
}
