/**
 * Building the page's DOM. Text always goes in as text nodes: nothing from the server is ever
 * parsed as HTML, so a room called `<img src=x onerror=alert(1)>` is just those characters.
 */
type Child = Node | string | number | false | null | undefined;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Readonly<Record<string, string | boolean | undefined>> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  append(element, ...children);
  return element;
}

/** A custom element (VS Code Elements component) with attributes and children. */
export function el(tag: string, attributes: Readonly<Record<string, string | boolean | undefined>> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  append(element, ...children);
  return element;
}

function setAttributes(element: Element, attributes: Readonly<Record<string, string | boolean | undefined>>): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/**
 * A closed `<details>` whose content is built the first time it is opened: a table of every day,
 * say, costs the report's first paint nothing while nobody looks at it.
 */
export function lazyDetails(summary: string, build: () => Node): HTMLDetailsElement {
  const details = h('details', {}, h('summary', {}, summary));
  let built = false;
  details.addEventListener('toggle', () => {
    if (built || !details.open) return;
    built = true;
    details.append(build());
  });
  return details;
}

export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** VS Code's display language, which the host writes into the page's `lang` (undefined: the browser's own). */
export function pageLanguage(): string | undefined {
  return document.documentElement.lang || undefined;
}

/** Theme colours read so far; emptied when VS Code changes the theme (its variables or the body's class). */
const themeColors = new Map<string, string>();
let watchingTheme = false;

/**
 * Reads a theme colour from VS Code's CSS variables, for drawing on canvas. Kept until the theme
 * changes: reading computed style just after a report's DOM was built makes the browser work out
 * the styles of the whole page there and then, before the frame.
 */
export function themeColor(variable: string, fallback: string): string {
  if (!watchingTheme) {
    watchingTheme = true;
    const forget = new MutationObserver(() => themeColors.clear());
    forget.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
    forget.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id', 'data-vscode-theme-kind'] });
  }
  let color = themeColors.get(variable);
  if (color === undefined) {
    color = getComputedStyle(document.body).getPropertyValue(variable).trim();
    themeColors.set(variable, color);
  }
  return color || fallback;
}
