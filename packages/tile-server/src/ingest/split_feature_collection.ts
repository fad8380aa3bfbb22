const structural = /[{}[\]":]/g;
const stringEnd = /["\\]/g;

/**
 * Cuts GeoJSON text, chunk by chunk, into the JSON text of each element of the top-level `features` array, so only
 * one feature's text is held at a time and the native JSON.parse does the parsing. Everything outside that array
 * (type, name, crs, bbox — or a bare Feature) is kept as `top` text, with the array written as `[]`.
 *
 * Why not a token-level streaming parser (stream-json): token by token in JavaScript it read about 3 MB/s here, and
 * a 1 GB export must take seconds, not minutes. Malformed JSON surfaces when a piece is parsed.
 */
export class FeatureCollectionSplitter {
  #depth = 0;
  #inString = false;
  #escape = false;
  /** Depth of the array holding the features: 2 inside `{"features": [`, 1 for a bare top-level array. */
  #arrayDepth = 0;
  #featureCarry = '';
  #inFeature = false;
  #top: string[] = [];
  #key = '';
  #keyCarry: string | undefined;
  /** The key of the last depth-1 string, once a ':' follows it. */
  #member = '';

  /** Text before the features array, ready to parse with `null}` appended; set once when the array starts. */
  head: string | undefined;

  /** Feeds one chunk; returns the text of each feature completed in it. */
  push(chunk: string): string[] {
    const features: string[] = [];
    const length = chunk.length;
    let index = 0;
    let topFrom = this.#arrayDepth > 0 ? -1 : 0;
    let featureFrom = this.#inFeature ? 0 : -1;
    while (index < length) {
      if (this.#inFeature && !this.#inString) {
        const end = this.#skipFeatureBody(chunk, index);
        if (end < 0) {
          index = length;
          break;
        }
        features.push(this.#featureCarry + chunk.slice(featureFrom, end + 1));
        this.#featureCarry = '';
        this.#inFeature = false;
        this.#depth = this.#arrayDepth;
        featureFrom = -1;
        index = end + 1;
        continue;
      }
      if (this.#inString) {
        if (this.#escape) {
          this.#escape = false;
          index += 1;
          continue;
        }
        stringEnd.lastIndex = index;
        const match = stringEnd.exec(chunk);
        if (!match) {
          if (this.#keyCarry !== undefined) this.#keyCarry += chunk.slice(index);
          index = length;
          break;
        }
        if (match[0] === '\\') {
          index = match.index + 2;
          if (index > length) this.#escape = true;
          continue;
        }
        this.#inString = false;
        if (this.#keyCarry !== undefined) {
          this.#key = this.#keyCarry + chunk.slice(index, match.index);
          this.#keyCarry = undefined;
        }
        index = match.index + 1;
        continue;
      }
      structural.lastIndex = index;
      const match = structural.exec(chunk);
      if (!match) break;
      const at = match.index;
      index = at + 1;
      switch (match[0]) {
        case '"':
          this.#inString = true;
          // Only depth-1 strings can be member names; their text is tracked to find "features".
          this.#keyCarry = this.#depth === 1 && this.#arrayDepth === 0 ? '' : undefined;
          break;
        case ':':
          if (this.#depth === 1) this.#member = this.#key;
          break;
        case '[':
        case '{':
          this.#depth += 1;
          if (this.#arrayDepth === 0 && match[0] === '[' && (this.#depth === 1 || (this.#depth === 2 && this.#member === 'features'))) {
            this.#arrayDepth = this.#depth;
            this.#top.push(chunk.slice(topFrom, at));
            if (this.#depth === 2) this.head = this.#top.join('');
            this.#top.push('[]');
            topFrom = -1;
          } else if (this.#arrayDepth > 0 && this.#depth === this.#arrayDepth + 1 && match[0] === '{') {
            this.#inFeature = true;
            featureFrom = at;
          }
          break;
        case ']':
        case '}':
          this.#depth -= 1;
          if (this.#inFeature && this.#depth === this.#arrayDepth) {
            features.push(this.#featureCarry + chunk.slice(featureFrom, index));
            this.#featureCarry = '';
            this.#inFeature = false;
            featureFrom = -1;
          } else if (this.#arrayDepth > 0 && this.#depth === this.#arrayDepth - 1) {
            this.#arrayDepth = 0;
            this.#member = '';
            topFrom = index;
          }
          break;
      }
    }
    if (this.#inFeature) this.#featureCarry += chunk.slice(Math.max(featureFrom, 0));
    if (topFrom >= 0) this.#top.push(chunk.slice(topFrom));
    return features;
  }

  /**
   * The hot loop: walks a feature's text with charCodeAt, tracking only depth and strings, and returns the index of
   * the brace that closes the feature, or -1 when the chunk ends first (state is kept for the next chunk).
   */
  #skipFeatureBody(chunk: string, from: number): number {
    const closeAt = this.#arrayDepth;
    let depth = this.#depth;
    let string = false;
    let escape = false;
    const length = chunk.length;
    for (let index = from; index < length; index += 1) {
      const code = chunk.charCodeAt(index);
      if (string) {
        if (escape) escape = false;
        else if (code === 92) escape = true;
        else if (code === 34) string = false;
        continue;
      }
      if (code === 34) string = true;
      else if (code === 123 || code === 91) depth += 1;
      else if (code === 125 || code === 93) {
        depth -= 1;
        if (depth === closeAt) return index;
      }
    }
    this.#depth = depth;
    this.#inString = string;
    this.#escape = escape;
    return -1;
  }

  /** The document outside the features array (array written as `[]`), once all text was pushed. */
  get top(): string {
    return this.#top.join('');
  }

  /** Whether the text ended inside a value. */
  get incomplete(): boolean {
    return this.#depth !== 0 || this.#inString;
  }
}
