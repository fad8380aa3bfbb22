/** `center` attribute, "lon,lat" in degrees; undefined when absent or out of range. */
export function parseCenter(value: string | null): [number, number] | undefined {
  if (value === null) return undefined;
  const parts = value.split(',').map((part) => part.trim());
  if (parts.length !== 2 || parts.some((part) => part === '')) return undefined;
  const [lon, lat] = parts.map(Number) as [number, number];
  if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) return undefined;
  return [lon, lat];
}

/** `zoom` attribute, 0–24; undefined when absent or out of range. */
export function parseZoom(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const zoom = Number(value);
  return zoom >= 0 && zoom <= 24 ? zoom : undefined;
}

/** `layers` attribute, a comma-separated list of catalogue layer ids; undefined when absent. */
export function parseLayerList(value: string | null): Set<string> | undefined {
  if (value === null) return undefined;
  return new Set(
    value
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== ''),
  );
}

/** The tile server to use: the `server` attribute, else the origin the widget script came from. */
export function resolveServer(value: string | null, scriptUrl: string, pageUrl: string): string {
  if (value !== null && value.trim() !== '') return new URL(value.trim(), pageUrl).href;
  try {
    const script = new URL(scriptUrl);
    if (script.protocol === 'http:' || script.protocol === 'https:') return script.origin;
  } catch {
    // Not a URL (e.g. a bundler rewrote import.meta.url): fall back to the page.
  }
  return new URL(pageUrl).origin;
}

/** `gestures` attribute: `cooperative` or `greedy`; undefined (automatic) when absent or anything else. */
export function parseGestures(value: string | null): 'cooperative' | 'greedy' | undefined {
  const v = value?.trim().toLowerCase();
  return v === 'cooperative' || v === 'greedy' ? v : undefined;
}
