import * as assert from 'node:assert/strict';
import { displayName, MAX_LABEL } from '../../../src/views/displayName';

describe('views/displayName', () => {
  it('leaves ordinary names, Korean, emoji and HTML-like text as they are', () => {
    for (const name of ['gsdagd', '샘플 회의실', '🎥 standup', '<img src=x onerror=alert(1)>', 'Q&A / 50% done? #3', `"quoted" 'name'`]) {
      assert.equal(displayName(name), name);
    }
  });

  it('makes control characters visible instead of breaking the row', () => {
    assert.equal(displayName('line\nbreak\u0000end\u2028'), 'line\ufffdbreak\ufffdend\ufffd');
  });

  it('shortens very long names', () => {
    const shown = displayName('x'.repeat(500));
    assert.equal(shown.length, MAX_LABEL);
    assert.ok(shown.endsWith('…'));
  });

  it('isolates right-to-left names so they do not reorder what follows', () => {
    assert.equal(displayName('غرفة الاجتماعات'), '\u2068غرفة الاجتماعات\u2069');
    assert.equal(displayName('חדר ישיבות'), '\u2068חדר ישיבות\u2069');
  });
});
