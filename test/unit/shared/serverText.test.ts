import * as assert from 'node:assert/strict';
import { hasLoneSurrogate, neutralise, REPLACEMENT, shorten, unlink } from '../../../src/shared/serverText';

describe('shared/serverText', () => {
  it('neutralises every bidi formatting character', () => {
    for (const code of [0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      const char = String.fromCharCode(code);
      assert.equal(neutralise(`a${char}b`), `a${REPLACEMENT}b`, code.toString(16));
    }
    assert.equal(neutralise('\u202Eexe.txt'), `${REPLACEMENT}exe.txt`);
  });

  it('neutralises control characters and line separators', () => {
    assert.equal(neutralise('a\nb\u0000c\u007fd\u009fe\u2028f\u2029g'), 'a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf\ufffdg');
  });

  it('neutralises lone surrogates, high or low, and keeps pairs', () => {
    assert.equal(neutralise('x\ud800y'), 'x\ufffdy');
    assert.equal(neutralise('x\udc00y'), 'x\ufffdy');
    assert.equal(neutralise('end\ud83d'), 'end\ufffd');
    assert.equal(neutralise('\ude00start'), '\ufffdstart');
    assert.equal(neutralise('🎥 \ud83c\udfa5'), '🎥 🎥');
    assert.doesNotThrow(() => encodeURIComponent(neutralise('a\ud800\udc00\ud800')));
  });

  it('leaves ordinary text, Korean, Arabic, emoji and HTML-like text alone', () => {
    for (const text of ['gsdagd', '샘플 회의실', 'غرفة', '🎥 standup', '<img src=x>', 'Q&A [1] (2)']) assert.equal(neutralise(text), text);
  });

  it('tells whether a text holds a lone surrogate', () => {
    assert.equal(hasLoneSurrogate('a\ud800'), true);
    assert.equal(hasLoneSurrogate('\udfffa'), true);
    assert.equal(hasLoneSurrogate('🎥'), false);
    assert.equal(hasLoneSurrogate('plain'), false);
    // The same pattern twice in a row: a global regex would keep its position and answer wrongly.
    assert.equal(hasLoneSurrogate('b\ud800'), true);
  });

  it('shortens by code points, never cutting a surrogate pair', () => {
    assert.equal(shorten('abc', 3), 'abc');
    assert.equal(shorten('abcd', 3), 'ab…');
    const emoji = '🎥'.repeat(10);
    const short = shorten(emoji, 4);
    assert.equal(short, '🎥🎥🎥…');
    assert.equal(hasLoneSurrogate(short), false);
    assert.equal(shorten('🎥🎥', 3), '🎥🎥', 'two code points fit in three');
    assert.equal(shorten('🎥🎥', 2), '🎥🎥', 'two code points fit in two');
  });

  it('breaks Markdown link syntax so that no link or command is made', () => {
    assert.equal(unlink('[Click](command:workbench.action.openSettings)'), '[Click] (command:workbench.action.openSettings)');
    assert.equal(unlink('[a]  (https://x) and [b](y)'), '[a] (https://x) and [b] (y)');
    assert.equal(unlink('no links [here]'), 'no links [here]');
  });
});
