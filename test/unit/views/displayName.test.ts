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

  it('neutralises bidi overrides, so "\\u202Eexe.txt" cannot reverse its row', () => {
    assert.equal(displayName('\u202Eexe.txt'), '\ufffdexe.txt');
    assert.equal(displayName('a\u2066b\u2069c\u200ed\u200fe\u061cf'), 'a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf');
  });

  it('neutralises lone surrogates, and never cuts an emoji in two when shortening', () => {
    assert.equal(displayName('lone\ud800surrogate'), 'lone\ufffdsurrogate');
    const shown = displayName(`${'x'.repeat(MAX_LABEL - 2)}🎥🎥🎥`);
    assert.equal(shown, `${'x'.repeat(MAX_LABEL - 2)}🎥…`);
    assert.doesNotThrow(() => encodeURIComponent(shown));
  });
});
