/**
 * The one order of room names, wherever rooms are listed (tree, report, export): numbers by value
 * ('room 9' before 'room 10'), letters as the user's language orders them, and names the collator
 * finds equal (one composed, one decomposed) by code unit, so that the order is total and the same
 * every time. Pure ECMAScript + Intl.
 */
const collator = new Intl.Collator(undefined, { numeric: true });

export function compareRoomNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
