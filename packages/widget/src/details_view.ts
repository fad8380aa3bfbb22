import { Popup, type Map as MapLibreMap } from 'maplibre-gl';
import { el } from './dom.js';
import type { LngLat } from './geo.js';
import { messages, type Lang } from './i18n.js';

/** Narrower than this (CSS px), details open as a bottom sheet instead of a popup. */
export const SHEET_BELOW_PX = 600;
/** Space kept between a popup and the map's edges, in CSS px (the attribution button sits in the bottom one). */
const EDGE_PX = 12;
const BOTTOM_EDGE_PX = 56;

/** What the details view needs from the element hosting it. */
export interface DetailsViewOptions {
  lang: Lang;
  map: MapLibreMap;
  /** Where the sheet is drawn: the shadow root's map box. */
  host: HTMLElement;
  /** Folds the panel: details open as a sheet on a phone, or as a popup with no room beside the open panel. */
  foldPanel: () => void;
  /** The panel's box, open or folded to its button; popups keep clear of it where it is drawn over the map. */
  panelBox?: () => DOMRect | undefined;
}

/**
 * Shows one feature's details, always wholly inside the map: a popup on wide maps, anchored on the side with room and
 * panned into view; a bottom sheet on narrow ones, with the feature moved into the half left above it. Escape closes
 * either, focus returns to where it was, and Tab cycles inside while it is open.
 */
export class DetailsView {
  readonly #o: DetailsViewOptions;
  #popup: Popup | undefined;
  readonly #sheet: HTMLElement;
  readonly #sheetBody: HTMLElement;
  #returnFocus: HTMLElement | undefined;
  #returnList: HTMLElement | undefined;
  #owner: string | undefined;

  constructor(options: DetailsViewOptions) {
    this.#o = options;
    const doc = options.host.ownerDocument;
    const t = messages(options.lang);
    const close = el(doc, 'button', { type: 'button', className: 'safemap-sheet-close', attrs: { 'aria-label': t.close } }, el(doc, 'span', { text: '×', attrs: { 'aria-hidden': 'true' } }));
    close.addEventListener('click', () => this.close());
    this.#sheetBody = el(doc, 'div', { className: 'safemap-sheet-body' });
    // A heading of its own (read, not shown), so the feature's h3 follows an h2 even when the panel is folded.
    const title = el(doc, 'h2', { className: 'safemap-visually-hidden', text: t.detailsHeading });
    this.#sheet = el(doc, 'section', { className: 'safemap-sheet', hidden: true, attrs: { role: 'dialog', 'aria-label': t.detailsHeading } }, title, close, this.#sheetBody);
    this.#sheet.addEventListener('keydown', (event) => this.#onKey(event, this.#sheet));
    options.host.append(this.#sheet);
  }

  /** True while a popup or sheet is shown. */
  get open(): boolean {
    return this.#popup !== undefined || !this.#sheet.hidden;
  }

  /** The open popup's or sheet's element, for tests and for measuring. */
  get element(): HTMLElement | undefined {
    return this.#popup?.getElement() ?? (this.#sheet.hidden ? undefined : this.#sheet);
  }

  /**
   * Shows `content` for a feature at `at`; `owner` (a layer id) lets a caller close it when the layer is hidden.
   * `move` brings the feature into view first (from a list), else it is where the resident tapped.
   */
  show(content: HTMLElement, at: LngLat, owner: string, move: boolean): void {
    const active = deepActiveElement(this.#o.host.ownerDocument);
    if (!this.open) {
      this.#returnFocus = active ?? undefined;
      this.#returnList = active?.closest<HTMLElement>('ul, ol') ?? undefined;
    }
    this.#remove();
    this.#owner = owner;
    const heading = content.querySelector<HTMLElement>('h3');
    heading?.setAttribute('tabindex', '-1');
    const { map } = this.#o;
    if (map.getContainer().clientWidth < SHEET_BELOW_PX) this.#showSheet(content, at);
    else this.#showPopup(content, at, move);
    // The heading, not the first link: the resident hears what opened, and nothing hidden below takes focus.
    heading?.focus({ preventScroll: true });
  }

  /** Closes the details if they belong to `owner`. */
  closeIfOwner(owner: string): void {
    if (this.#owner === owner) this.close();
  }

  /** Closes the popup or sheet and gives focus back to where it was when they opened. */
  close(): void {
    const wasOpen = this.open;
    this.#remove();
    const back = this.#focusTarget();
    this.#returnFocus = undefined;
    if (wasOpen) back?.focus({ preventScroll: true });
  }

  /**
   * Where focus goes back to: the element it came from, or, when a list was rebuilt meanwhile (the in-view list after
   * the map moved), the entry with the same text in the same list.
   */
  #focusTarget(): HTMLElement | undefined {
    const back = this.#returnFocus;
    if (!back || back.isConnected) return back;
    const list = this.#returnList;
    return list?.isConnected ? [...list.querySelectorAll<HTMLElement>('button')].find((b) => b.textContent === back.textContent) : undefined;
  }

  destroy(): void {
    this.#remove();
    this.#sheet.remove();
  }

  #remove(): void {
    const popup = this.#popup;
    this.#popup = undefined;
    popup?.remove();
    this.#sheet.hidden = true;
    this.#sheetBody.replaceChildren();
    this.#owner = undefined;
  }

  #showPopup(content: HTMLElement, at: LngLat, move: boolean): void {
    const { map } = this.#o;
    const container = map.getContainer();
    const maxWidth = Math.min(320, container.clientWidth - 2 * EDGE_PX);
    content.style.maxHeight = `${Math.max(120, container.clientHeight - EDGE_PX - BOTTOM_EDGE_PX - 24)}px`;
    if (move) map.jumpTo({ center: at });
    // No fixed anchor: MapLibre puts the popup on the side of the point that has the most room.
    const popup = new Popup({ maxWidth: `${maxWidth}px`, focusAfterOpen: false, closeOnClick: true, className: 'safemap-popup-container' })
      .setLngLat(at)
      .setDOMContent(content)
      .addTo(map);
    this.#popup = popup;
    popup.on('close', () => {
      if (this.#popup !== popup) return;
      // Closed by the resident (its × or a map click): focus goes back only if it was lost with the popup.
      this.#popup = undefined;
      this.#owner = undefined;
      const active = deepActiveElement(this.#o.host.ownerDocument);
      const back = this.#focusTarget();
      this.#returnFocus = undefined;
      if (!active || active === this.#o.host.ownerDocument.body) back?.focus({ preventScroll: true });
    });
    const element = popup.getElement();
    element.addEventListener('keydown', (event) => this.#onKey(event, element));
    this.#panIntoView(element);
  }

  /**
   * Moves the map just enough that the whole popup is inside it, with a margin, and clear of the panel where the panel
   * is drawn over the map: beside it when there is room, else the panel folds to its button. MapLibre may choose
   * another anchor once the popup has moved (a popup at the map's edge hangs to one side, with room it is centred),
   * so the popup is measured again after each move, a few times at most.
   */
  #panIntoView(element: HTMLElement): void {
    const { map } = this.#o;
    const box = map.getContainer().getBoundingClientRect();
    for (let attempt = 0; attempt < 3; attempt++) {
      const rect = element.getBoundingClientRect();
      const dy = rect.top < box.top + EDGE_PX ? rect.top - box.top - EDGE_PX : Math.max(0, rect.bottom - box.bottom + BOTTOM_EDGE_PX);
      const right = box.right - EDGE_PX;
      // The panel's right edge, where the panel lies over the map beside the popup's rows.
      const panelRight = () => {
        const panel = this.#o.panelBox?.();
        return panel && panel.width > 0 && panel.left < box.right && panel.right > box.left && panel.top - EDGE_PX < rect.bottom - dy && panel.bottom + EDGE_PX > rect.top - dy ? panel.right + EDGE_PX : 0;
      };
      if (right - panelRight() < rect.width) this.#o.foldPanel();
      const left = Math.max(box.left + EDGE_PX, panelRight());
      const dx = rect.left < left ? rect.left - left : Math.max(0, rect.right - right);
      if (Math.abs(dx) < 0.5 && Math.abs(dy) < 0.5) return;
      // Instant: the popup must be readable at once, and a jump never leaves it half outside if the resident moves on.
      map.panBy([dx, dy], { duration: 0 });
    }
  }

  #showSheet(content: HTMLElement, at: LngLat): void {
    this.#o.foldPanel();
    this.#sheetBody.replaceChildren(content);
    this.#sheet.hidden = false;
    const { map } = this.#o;
    // The feature goes to the middle of the part of the map left above the sheet.
    const hidden = this.#sheet.getBoundingClientRect().height;
    const target = map.project(at);
    const visibleMiddle = (map.getContainer().clientHeight - hidden) / 2;
    map.panBy([target.x - map.getContainer().clientWidth / 2, target.y - visibleMiddle], { duration: 0 });
  }

  #onKey(event: KeyboardEvent, scope: HTMLElement): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.close();
    } else if (event.key === 'Tab') {
      const focusable = [...scope.querySelectorAll<HTMLElement>('a[href], button, [tabindex="-1"]')].filter((e) => !e.hidden && e.offsetParent !== null);
      if (focusable.length === 0) return;
      const current = deepActiveElement(scope.ownerDocument);
      const index = focusable.indexOf(current as HTMLElement);
      const next = event.shiftKey ? (index <= 0 ? focusable.length - 1 : index - 1) : index === -1 || index === focusable.length - 1 ? 0 : index + 1;
      event.preventDefault();
      focusable[next]!.focus();
    }
  }
}

/** The focused element, looking through shadow roots. */
export function deepActiveElement(doc: Document): HTMLElement | undefined {
  let active: Element | null = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}
