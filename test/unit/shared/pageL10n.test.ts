import * as assert from 'node:assert/strict';
import { bundleScriptText, escapeHtml, htmlLang, parseBundleText } from '../../../src/shared/pageL10n';

describe('shared/pageL10n: the bundle handed to the usage report page', () => {
  it('cannot end its <script> element or open a comment, and reads back unchanged', () => {
    const bundle = { 'a</script><script>alert(1)</script>': '<!-- & \u2028 --> "q" \\ 회의실', plain: '열기' };
    const text = bundleScriptText(bundle);
    assert.ok(!/[<>&\u2028\u2029]/.test(text), text);
    assert.deepEqual(parseBundleText(text), bundle);
    assert.deepEqual(JSON.parse(bundleScriptText(undefined)), {});
  });

  it('reads an empty bundle from a missing or broken element', () => {
    for (const text of [undefined, null, '', 'not json', '[1]', '"x"', 'null']) assert.deepEqual(parseBundleText(text), {}, String(text));
  });

  it('sets <html lang> from the display language, and only to a language tag', () => {
    assert.equal(htmlLang('ko'), 'ko');
    assert.equal(htmlLang('zh-cn'), 'zh-cn');
    assert.equal(htmlLang('en'), 'en');
    assert.equal(htmlLang('"><script>'), 'en');
    assert.equal(htmlLang(undefined), 'en');
    assert.equal(escapeHtml('S-Connector <사용량> & "x"'), 'S-Connector &#60;사용량&#62; &#38; &#34;x&#34;');
  });
});
