/** A figure as the report page shows it in a tile. */
import { h } from './dom';

/**
 * A tile: its label, its value (beside it how the value changed since the period before, when
 * that is known), and a detail line under it.
 */
export function tile(id: string, label: string, value: string, detail?: Node | string | false, change?: Node): HTMLElement {
  const shown = h('span', { class: 'value' }, value);
  return h('div', { class: 'tile', id },
    h('span', { class: 'label' }, label),
    change === undefined ? shown : h('span', { class: 'value-row' }, shown, change),
    detail !== undefined && detail !== false && h('span', { class: 'detail' }, detail));
}
