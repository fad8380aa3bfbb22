import type { IControl } from 'maplibre-gl';
import type { CatalogLayer } from './catalog_client.js';
import { localize, messages, type Lang } from './i18n.js';

/** Settings of a legend panel. */
export interface LegendOptions {
  /** Catalogue layers, in the order they are listed. */
  layers: readonly CatalogLayer[];
  lang: Lang;
  /** Layers ticked at first; all when absent. */
  visibleLayers?: ReadonlySet<string>;
  /** Called when a resident ticks or unticks a layer. */
  onToggle: (layerId: string, visible: boolean) => void;
}

/**
 * The legend panel: one labelled checkbox per catalogue layer, with a swatch drawn in the
 * layer's colour and shape. A MapLibre control, so it sits in the map's top-left corner.
 */
export class LegendControl implements IControl {
  /** The panel; exists before the control is added to a map. */
  readonly element: HTMLElement;
  readonly #inputs = new Map<string, HTMLInputElement>();

  constructor(doc: Document, options: LegendOptions) {
    this.element = doc.createElement('section');
    this.element.className = 'maplibregl-ctrl safemap-legend';
    this.element.setAttribute('aria-labelledby', 'safemap-legend-heading');

    const heading = doc.createElement('h2');
    heading.id = 'safemap-legend-heading';
    heading.textContent = messages(options.lang).legendHeading;

    const list = doc.createElement('ul');
    for (const layer of options.layers) {
      const input = doc.createElement('input');
      input.type = 'checkbox';
      input.value = layer.id;
      input.checked = options.visibleLayers?.has(layer.id) ?? true;
      input.addEventListener('change', () => options.onToggle(layer.id, input.checked));
      this.#inputs.set(layer.id, input);

      const label = doc.createElement('label');
      label.append(input, swatch(doc, layer), text(doc, localize(layer.title, options.lang, layer.id)));
      const item = doc.createElement('li');
      item.append(label);
      list.append(item);
    }
    this.element.append(heading, list);
  }

  /** Ticks or unticks a layer's checkbox without calling `onToggle`. */
  setChecked(layerId: string, checked: boolean): void {
    const input = this.#inputs.get(layerId);
    if (input) input.checked = checked;
  }

  onAdd(): HTMLElement {
    return this.element;
  }

  onRemove(): void {
    this.element.remove();
  }
}

function swatch(doc: Document, layer: CatalogLayer): HTMLElement {
  const span = doc.createElement('span');
  span.className = `safemap-swatch safemap-swatch-${layer.geometry}`;
  span.setAttribute('aria-hidden', 'true');
  // CSSOM, not a style attribute, so a strict style-src still allows it.
  span.style.setProperty('--safemap-swatch-color', layer.color);
  return span;
}

function text(doc: Document, content: string): HTMLElement {
  const span = doc.createElement('span');
  span.className = 'safemap-legend-title';
  span.textContent = content;
  return span;
}
