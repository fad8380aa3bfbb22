/** Properties `el` may set: never `innerHTML`, so text stays text. */
interface ElementProps {
  className?: string;
  id?: string;
  type?: string;
  text?: string;
  hidden?: boolean;
  attrs?: Record<string, string>;
}

/**
 * Creates an element with text content and attributes. The widget builds all of its DOM through
 * this or `createElement`, never from HTML strings, so feature data cannot become markup.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props: ElementProps = {},
  ...children: Node[]
): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag);
  if (props.className) element.className = props.className;
  if (props.id) element.id = props.id;
  if (props.type) element.setAttribute('type', props.type);
  if (props.text !== undefined) element.textContent = props.text;
  if (props.hidden) element.hidden = true;
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** One entry of a list of features: a button naming the feature, with a second line such as its distance. */
export interface FeatureButton {
  label: string;
  detail?: string;
  onSelect: () => void;
}

/** Replaces a list's items with one button per entry (buttons, so Tab, Enter and Space work as everywhere). */
export function fillButtonList(list: HTMLUListElement | HTMLOListElement, entries: readonly FeatureButton[]): void {
  const doc = list.ownerDocument;
  // A list rebuilt under the resident's focus (the in-view list after the map moves) keeps it on the same entry.
  const root = list.getRootNode() as Document | ShadowRoot;
  const focused = root.activeElement instanceof HTMLElement && list.contains(root.activeElement) ? root.activeElement.closest('button')?.textContent : undefined;
  list.replaceChildren(
    ...entries.map((entry) => {
      const button = el(doc, 'button', { type: 'button', className: 'safemap-item' }, el(doc, 'span', { text: entry.label }));
      if (entry.detail) button.append(el(doc, 'span', { className: 'safemap-item-detail', text: entry.detail }));
      button.addEventListener('click', entry.onSelect);
      return el(doc, 'li', {}, button);
    }),
  );
  list.hidden = entries.length === 0;
  if (focused !== undefined) [...list.querySelectorAll('button')].find((b) => b.textContent === focused)?.focus({ preventScroll: true });
}
