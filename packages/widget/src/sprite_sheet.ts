import type { SpriteIcon } from './legend.js';

/** A sprite sheet: where each icon is, the image URL and its size in image pixels. */
export interface SpriteSheet {
  imageUrl: string;
  icons: Record<string, SpriteIcon>;
  width: number;
  height: number;
}

/** The sprite base URL of a style (`"sprite": "<url>"` or the `default` entry of the array form). */
export function spriteBaseUrl(sprite: unknown): string | undefined {
  if (typeof sprite === 'string') return sprite;
  if (Array.isArray(sprite)) {
    const entry = sprite.find((s: { id?: unknown }) => s?.id === 'default') ?? sprite[0];
    return typeof entry?.url === 'string' ? entry.url : undefined;
  }
  return undefined;
}

/**
 * Loads a sprite's index and image at 1× or 2× for the screen. Resolves undefined on any failure:
 * the legend then keeps its colour swatches, which say the same thing.
 */
export async function loadSpriteSheet(base: string, pixelRatio: number, signal: AbortSignal): Promise<SpriteSheet | undefined> {
  const suffix = pixelRatio > 1 ? '@2x' : '';
  try {
    const response = await fetch(`${base}${suffix}.json`, { signal });
    if (!response.ok) return undefined;
    const icons = (await response.json()) as Record<string, SpriteIcon>;
    const image = new Image();
    image.src = `${base}${suffix}.png`;
    await image.decode();
    if (signal.aborted) return undefined;
    return { imageUrl: image.src, icons, width: image.naturalWidth, height: image.naturalHeight };
  } catch {
    return undefined;
  }
}
