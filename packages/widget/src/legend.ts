import type { CatalogLayer } from './catalog_client.js';
import { el } from './dom.js';
import { localize, messages, type Lang } from './i18n.js';

/** Settings of a legend. */
export interface LegendOptions {
  /** Catalogue layers, in the order they are listed. */
  layers: readonly CatalogLayer[];
  lang: Lang;
  /** Layers ticked at first; all when absent. */
  visibleLayers?: ReadonlySet<string>;
  /** Called when a resident ticks or unticks a layer. */
  onToggle: (layerId: string, visible: boolean) => void;
}

/** Where one icon sits in a sprite sheet (MapLibre sprite JSON entry). */
export interface SpriteIcon {
  x: number;
  y: number;
  width: number;
  height: number;
  pixelRatio?: number;
}

/**
 * The legend: one labelled checkbox per catalogue layer, with a swatch in the layer's colour and
 * shape, or the layer's sprite icon once the style provides one.
 */
export class Legend {
  readonly element: HTMLElement;
  readonly #inputs = new Map<string, HTMLInputElement>();
  readonly #swatches = new Map<string, HTMLElement>();

  constructor(doc: Document, options: LegendOptions) {
    const list = el(doc, 'ul');
    for (const layer of options.layers) {
      const input = el(doc, 'input', { type: 'checkbox' });
      input.value = layer.id;
      input.checked = options.visibleLayers?.has(layer.id) ?? true;
      input.addEventListener('change', () => options.onToggle(layer.id, input.checked));
      this.#inputs.set(layer.id, input);
      const mark = swatch(doc, layer);
      this.#swatches.set(layer.id, mark);
      const title = el(doc, 'span', { className: 'safemap-legend-title', text: localize(layer.title, options.lang, layer.id) });
      list.append(el(doc, 'li', {}, el(doc, 'label', {}, input, mark, title)));
    }
    const heading = el(doc, 'h2', { id: 'safemap-legend-heading', text: messages(options.lang).legendHeading });
    this.element = el(doc, 'section', { className: 'safemap-legend', attrs: { 'aria-labelledby': heading.id } }, heading, list);
  }

  /** Ticks or unticks a layer's checkbox without calling `onToggle`. */
  setChecked(layerId: string, checked: boolean): void {
    const input = this.#inputs.get(layerId);
    if (input) input.checked = checked;
  }

  /**
   * Draws each layer's sprite icon (the icon named after the layer) in place of its colour swatch.
   * Through CSSOM properties, not a style attribute, so a strict `style-src` allows it.
   */
  setIcons(imageUrl: string, icons: Readonly<Record<string, SpriteIcon>>, sheet: { width: number; height: number }): void {
    for (const [layerId, mark] of this.#swatches) {
      const icon = Object.hasOwn(icons, layerId) ? icons[layerId] : undefined;
      if (!icon) continue;
      const ratio = icon.pixelRatio ?? 1;
      const scale = 22 / Math.max(icon.width / ratio, icon.height / ratio);
      const k = scale / ratio;
      mark.classList.add('safemap-swatch-icon');
      mark.style.backgroundImage = `url("${encodeURI(imageUrl)}")`;
      mark.style.backgroundSize = `${sheet.width * k}px ${sheet.height * k}px`;
      mark.style.backgroundPosition = `${-icon.x * k}px ${-icon.y * k}px`;
      mark.style.width = `${(icon.width * k).toFixed(2)}px`;
      mark.style.height = `${(icon.height * k).toFixed(2)}px`;
    }
  }
}

function swatch(doc: Document, layer: CatalogLayer): HTMLElement {
  const span = el(doc, 'span', { className: `safemap-swatch safemap-swatch-${layer.geometry}`, attrs: { 'aria-hidden': 'true' } });
  // CSSOM, not a style attribute, so a strict style-src still allows it.
  span.style.setProperty('--safemap-swatch-color', layer.color);
  return span;
}
