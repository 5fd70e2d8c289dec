/**
 * The meetings table's paging and sorting, as pure functions of the page's state, so that they are
 * unit-tested in Node; the page (report.ts) only draws what these say. No DOM here.
 */
import * as l10n from '@vscode/l10n';
import type { SortKey, TableQuery } from '../shared/reportTypes';

export const PAGE_SIZE = 100;

/** The last page's index for `rows` rows (0 when there are none). */
export function lastPage(rows: number, pageSize = PAGE_SIZE): number {
  return Math.max(0, Math.ceil(rows / pageSize) - 1);
}

/** `page` held within the pages that `rows` rows fill. */
export function clampPage(page: number, rows: number, pageSize = PAGE_SIZE): number {
  return Math.min(Math.max(0, page), lastPage(rows, pageSize));
}

/**
 * The query after a click on a column heading: the same column turns the order round; another
 * column starts in its natural order (names A to Z, times and lengths largest first).
 */
export function sortedBy(query: TableQuery, key: SortKey): TableQuery {
  return { ...query, sort: key, descending: query.sort === key ? !query.descending : key !== 'room' };
}

/** "1–100 of 2,345 meetings (filtered from 10,000)": whole sentences, one per plural and filter case. */
export function pageText(from: number, to: number, total: number, unfiltered: number | undefined): string {
  const a = from.toLocaleString();
  const b = to.toLocaleString();
  if (unfiltered === undefined) {
    return total === 1 ? l10n.t('{0}–{1} of 1 meeting', a, b) : l10n.t('{0}–{1} of {2} meetings', a, b, total.toLocaleString());
  }
  return total === 1
    ? l10n.t('{0}–{1} of 1 meeting (filtered from {2})', a, b, unfiltered.toLocaleString())
    : l10n.t('{0}–{1} of {2} meetings (filtered from {3})', a, b, total.toLocaleString(), unfiltered.toLocaleString());
}
