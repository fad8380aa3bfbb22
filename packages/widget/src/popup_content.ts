import type { CatalogLayer } from './catalog_client.js';
import { CLUSTER_KEYS, featureCount, isCluster } from './cluster.js';
import { formatPropertyValue, localize, messages, propertyLabel, type Lang } from './i18n.js';

/** One labelled value of a popup. */
export interface PopupRow {
  key: string;
  label: string;
  value: string;
  /** A `tel:` link for phone numbers, built from the number's digits only. */
  href?: string;
}

/** What a feature popup says, before it becomes DOM. */
export interface PopupModel {
  /** Localized title of the feature's layer, e.g. "대피소". */
  layerTitle: string;
  /** The feature's `name`, else the layer title; for a cluster, "152 CCTV cameras here". */
  heading: string;
  rows: PopupRow[];
  /** A line under the heading, e.g. how to see a cluster's points. */
  note?: string;
}

/**
 * Decides what a popup shows for a feature: its name as the heading, then every other
 * non-empty property, in the catalogue's property order, then unknown keys alphabetically.
 */
export function popupModel(properties: Readonly<Record<string, unknown>>, layer: CatalogLayer | undefined, lang: Lang): PopupModel {
  const layerTitle = localize(layer?.title, lang, layer?.id ?? '');
  if (isCluster(properties)) {
    const t = messages(lang);
    return { layerTitle, heading: t.clusterHere(featureCount(properties), layerTitle), rows: [], note: t.clusterHint };
  }
  const name = properties.name;
  const hasName = typeof name === 'string' ? name.trim() !== '' : typeof name === 'number';
  const order = layer?.properties ?? [];
  const keys = Object.keys(properties)
    .filter((key) => isShown(properties[key]) && !(key === 'name' && hasName) && !CLUSTER_KEYS.has(key))
    .sort((a, b) => rank(order, a) - rank(order, b) || (a < b ? -1 : a > b ? 1 : 0));
  return {
    layerTitle,
    heading: hasName ? String(name) : layerTitle,
    rows: keys.map((key) => {
      const row: PopupRow = { key, label: propertyLabel(key, lang), value: formatPropertyValue(key, properties[key], lang) };
      const href = key === 'phone' ? telHref(row.value) : undefined;
      return href ? { ...row, href } : row;
    }),
  };
}

/**
 * A `tel:` URL from the digits of a phone number (and a leading "+"), so nothing else in the
 * value can reach the href; undefined when there are too few digits to dial.
 */
export function telHref(value: string): string | undefined {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 3 || digits.length > 15) return undefined;
  return `tel:${value.trim().startsWith('+') ? '+' : ''}${digits}`;
}

function isShown(value: unknown): boolean {
  return value !== null && value !== undefined && !(typeof value === 'string' && value.trim() === '');
}

function rank(order: readonly string[], key: string): number {
  const index = order.indexOf(key);
  return index === -1 ? order.length : index;
}

/**
 * Builds the popup DOM. Feature data only ever reaches the page through `textContent`,
 * so a property value can never become markup.
 */
export function renderPopupContent(doc: Document, model: PopupModel): HTMLElement {
  const article = doc.createElement('article');
  article.className = 'safemap-popup';

  const layer = doc.createElement('p');
  layer.className = 'safemap-popup-layer';
  layer.textContent = model.layerTitle;

  const heading = doc.createElement('h3');
  heading.className = 'safemap-popup-title';
  heading.textContent = model.heading;

  // A feature without a name is headed by its layer's title, which then need not be said twice.
  if (model.heading !== model.layerTitle) article.append(layer);
  article.append(heading);
  if (model.note) {
    const note = doc.createElement('p');
    note.className = 'safemap-popup-note';
    note.textContent = model.note;
    article.append(note);
  }
  if (model.rows.length === 0) return article;

  const list = doc.createElement('dl');
  for (const row of model.rows) {
    const item = doc.createElement('div');
    const term = doc.createElement('dt');
    const detail = doc.createElement('dd');
    term.textContent = row.label;
    if (row.href) {
      const link = doc.createElement('a');
      link.href = row.href;
      link.textContent = row.value;
      detail.append(link);
    } else {
      detail.textContent = row.value;
    }
    item.append(term, detail);
    list.append(item);
  }
  article.append(list);
  return article;
}

/** The popup DOM for a feature's properties. */
export function createPopupContent(
  doc: Document,
  properties: Readonly<Record<string, unknown>>,
  layer: CatalogLayer | undefined,
  lang: Lang,
): HTMLElement {
  return renderPopupContent(doc, popupModel(properties, layer, lang));
}
