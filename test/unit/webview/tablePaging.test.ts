import * as assert from 'node:assert/strict';
import { clampPage, lastPage, PAGE_SIZE, pageText, sortedBy } from '../../../src/webview/tablePaging';

describe('webview/tablePaging', () => {
  it('pages 100 rows at a time, the last page holding the rest', () => {
    assert.equal(PAGE_SIZE, 100);
    assert.equal(lastPage(0), 0);
    assert.equal(lastPage(1), 0);
    assert.equal(lastPage(100), 0);
    assert.equal(lastPage(101), 1);
    assert.equal(lastPage(100_000), 999);
    assert.equal(lastPage(25, 10), 2);
  });

  it('keeps the page within the rows there are, after a filter narrows them', () => {
    assert.equal(clampPage(5, 1_000), 5);
    assert.equal(clampPage(5, 250), 2);
    assert.equal(clampPage(5, 0), 0);
    assert.equal(clampPage(-1, 1_000), 0);
  });

  it('turns the order round on the same column, and starts a new one in its natural order', () => {
    const byStart = { filter: 'x', sort: 'startedAt', descending: true } as const;
    assert.deepEqual(sortedBy(byStart, 'startedAt'), { filter: 'x', sort: 'startedAt', descending: false });
    assert.deepEqual(sortedBy(byStart, 'room'), { filter: 'x', sort: 'room', descending: false });
    assert.deepEqual(sortedBy(byStart, 'seconds'), { filter: 'x', sort: 'seconds', descending: true });
    assert.deepEqual(sortedBy({ filter: '', sort: 'room', descending: false }, 'room'), { filter: '', sort: 'room', descending: true });
  });

  it('says which meetings a page shows, in whole sentences', () => {
    assert.equal(pageText(1, 100, 2345, undefined), '1–100 of 2,345 meetings');
    assert.equal(pageText(1, 1, 1, undefined), '1–1 of 1 meeting');
    assert.equal(pageText(101, 200, 2345, 10_000), '101–200 of 2,345 meetings (filtered from 10,000)');
    assert.equal(pageText(1, 1, 1, 10_000), '1–1 of 1 meeting (filtered from 10,000)');
  });
});
