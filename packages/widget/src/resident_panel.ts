import type { IControl } from 'maplibre-gl';
import { el, fillButtonList, type FeatureButton } from './dom.js';
import { HAZARDS, isHazard, type Hazard } from './hazard_filter.js';
import { formatPropertyValue, messages, type Lang } from './i18n.js';
import type { Legend } from './legend.js';

/** One group of search results: a heading (places, or a layer's title), a note such as "8 of 340", the entries. */
export interface SearchGroupView {
  title: string;
  note: string;
  entries: readonly FeatureButton[];
}

/** Where a nearest-shelter search starts from. */
export type NearestOrigin = 'location' | 'pick' | 'centre';

/** What the panel shows and whom it tells about the resident's choices. */
export interface ResidentPanelOptions {
  lang: Lang;
  legend: Legend;
  /** Show the hazard filter (the shelters layer says which hazards each shelter serves). */
  hazards: boolean;
  /** Nearest-shelter origins offered; none hides the section. */
  nearest: readonly NearestOrigin[];
  /** Open at first (closed on phones, where the map needs the room). */
  expanded: boolean;
  onHazard: (hazard: Hazard | undefined) => void;
  onSearch: (query: string) => void;
  onNearest: (origin: NearestOrigin) => void;
}

/**
 * The residents' panel: legend, hazard filter, search, nearest shelters and the list of what is
 * on the map, behind one toggle button. A MapLibre control in the top-left corner, or on its own
 * when the map cannot be drawn.
 */
export class ResidentPanel implements IControl {
  readonly element: HTMLElement;
  readonly toggle: HTMLButtonElement;
  readonly body: HTMLElement;
  readonly searchInput: HTMLInputElement;
  readonly searchStatus: HTMLElement;
  readonly searchResults: HTMLElement;
  readonly nearestSection: HTMLElement;
  readonly nearestStatus: HTMLElement;
  readonly nearestList: HTMLOListElement;
  readonly listHeading: HTMLElement;
  readonly listSummary: HTMLElement;
  readonly list: HTMLUListElement;
  readonly listMore: HTMLElement;
  /** Details of a chosen feature when there is no map to hold a popup. */
  readonly details: HTMLElement;

  constructor(doc: Document, options: ResidentPanelOptions) {
    const t = messages(options.lang);
    this.body = el(doc, 'div', { className: 'safemap-panel-body', id: 'safemap-panel-body' });
    this.toggle = el(doc, 'button', {
      type: 'button',
      className: 'safemap-panel-toggle',
      attrs: { 'aria-controls': this.body.id, 'aria-label': t.panelToggle },
    }, el(doc, 'span', { className: 'safemap-burger', attrs: { 'aria-hidden': 'true' } }));
    this.toggle.addEventListener('click', () => this.setExpanded(this.body.hidden));

    const hazardSection = el(doc, 'div', { className: 'safemap-section', hidden: !options.hazards });
    const select = el(doc, 'select', { id: 'safemap-hazard' });
    select.append(el(doc, 'option', { text: t.allHazards, attrs: { value: '' } }));
    for (const hazard of HAZARDS) {
      select.append(el(doc, 'option', { text: formatPropertyValue('hazards', hazard, options.lang), attrs: { value: hazard } }));
    }
    select.addEventListener('change', () => options.onHazard(isHazard(select.value) ? select.value : undefined));
    hazardSection.append(el(doc, 'label', { className: 'safemap-field-label', text: t.hazardHeading, attrs: { for: select.id } }), select);

    this.searchInput = el(doc, 'input', { type: 'search', id: 'safemap-search', attrs: { autocomplete: 'off', placeholder: t.searchHint } });
    this.searchStatus = el(doc, 'p', { className: 'safemap-note', attrs: { role: 'status' } });
    this.searchResults = el(doc, 'div', { className: 'safemap-search-results' });
    let timer: ReturnType<typeof setTimeout> | undefined;
    this.searchInput.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => options.onSearch(this.searchInput.value), 200);
    });
    this.searchInput.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        clearTimeout(timer);
        options.onSearch(this.searchInput.value);
      }
    });
    const searchSection = el(doc, 'div', { className: 'safemap-section', attrs: { role: 'search' } },
      el(doc, 'label', { className: 'safemap-field-label', text: t.searchLabel, attrs: { for: this.searchInput.id } }),
      this.searchInput, this.searchStatus, this.searchResults);

    const buttons = options.nearest.map((origin) => {
      const button = el(doc, 'button', {
        type: 'button',
        className: 'safemap-action',
        text: origin === 'location' ? t.nearMe : origin === 'pick' ? t.pickPoint : t.useCentre,
        attrs: { 'data-origin': origin },
      });
      button.addEventListener('click', () => options.onNearest(origin));
      return button;
    });
    this.nearestStatus = el(doc, 'p', { className: 'safemap-note', attrs: { role: 'status' } });
    this.nearestList = el(doc, 'ol', { className: 'safemap-items', hidden: true });
    this.nearestSection = el(doc, 'section', { className: 'safemap-section', hidden: options.nearest.length === 0, attrs: { 'aria-labelledby': 'safemap-nearest-heading' } },
      el(doc, 'h2', { id: 'safemap-nearest-heading', text: t.nearestHeading }),
      el(doc, 'div', { className: 'safemap-actions' }, ...buttons), this.nearestStatus, this.nearestList);

    this.listHeading = el(doc, 'h2', { id: 'safemap-list-heading', text: t.inViewHeading });
    this.listSummary = el(doc, 'p', { className: 'safemap-note', attrs: { 'aria-live': 'polite' } });
    this.list = el(doc, 'ul', { className: 'safemap-items safemap-in-view', hidden: true });
    this.listMore = el(doc, 'p', { className: 'safemap-note', hidden: true });
    const listSection = el(doc, 'section', { className: 'safemap-section', attrs: { 'aria-labelledby': this.listHeading.id } },
      this.listHeading, this.listSummary, this.list, this.listMore);
    this.details = el(doc, 'section', { className: 'safemap-section safemap-details', hidden: true, attrs: { 'aria-label': t.detailsHeading } });

    this.body.append(options.legend.element, hazardSection, searchSection, this.nearestSection, this.details, listSection);
    this.element = el(doc, 'div', { className: 'maplibregl-ctrl safemap-panel' }, this.toggle, this.body);
    this.setExpanded(options.expanded);
  }

  /** Replaces the search results with these groups, each under its own heading. */
  showSearchGroups(groups: readonly SearchGroupView[]): void {
    const doc = this.searchResults.ownerDocument;
    this.searchResults.replaceChildren(
      ...groups.map((group) => {
        const list = el(doc, 'ul', { className: 'safemap-items' });
        fillButtonList(list, group.entries);
        const heading = el(doc, 'h3', { className: 'safemap-group-title', text: group.title });
        return el(doc, 'div', { className: 'safemap-search-group' }, heading, list, ...(group.note ? [el(doc, 'p', { className: 'safemap-note', text: group.note })] : []));
      }),
    );
  }

  /** Opens or closes the panel body; the toggle button stays. */
  setExpanded(expanded: boolean): void {
    this.body.hidden = !expanded;
    this.toggle.setAttribute('aria-expanded', String(expanded));
  }

  onAdd(): HTMLElement {
    return this.element;
  }

  onRemove(): void {
    this.element.remove();
  }
}
