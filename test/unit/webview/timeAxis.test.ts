import * as assert from 'node:assert/strict';
import { axisDateFormat, isoTemplate } from '../../../src/webview/timeAxis';

describe('webview/timeAxis', () => {
  // uPlot hands the formatter a Date whose local fields are the wall clock of the report's zone.
  const evening = new Date(2021, 1, 22, 21, 5, 9);

  it("rewrites uPlot's American tick templates as ISO dates and a 24-hour clock", () => {
    assert.equal(isoTemplate('{h}{aa}\n{M}/{D}/{YY}'), '{HH}:{mm}\n{YYYY}-{MM}-{DD}');
    assert.equal(isoTemplate('{h}:{mm}{aa}\n{M}/{D}'), '{HH}:{mm}\n{MM}-{DD}');
    assert.equal(isoTemplate(':{ss}\n{M}/{D} {h}:{mm}{aa}'), ':{ss}\n{MM}-{DD} {HH}:{mm}');
    assert.equal(isoTemplate('{YYYY}'), '{YYYY}');
  });

  it('labels ticks in that style, whatever the language', () => {
    for (const language of ['en', 'ko', undefined]) {
      const format = axisDateFormat(language);
      assert.equal(format('{h}{aa}\n{M}/{D}/{YY}')(evening), '21:05\n2021-02-22');
      assert.equal(format('{h}:{mm}{aa}')(evening), '21:05');
      assert.equal(format('{M}/{D}')(evening), '02-22');
    }
  });

  it("names months in the page's language", () => {
    assert.equal(axisDateFormat('en')('{MMM}\n{YYYY}')(evening), 'Feb\n2021');
    assert.equal(axisDateFormat('ko')('{MMM}')(evening), '2월');
    assert.equal(axisDateFormat('ko')('{MMMM}')(evening), '2월');
    assert.equal(axisDateFormat('en')('{WWW}')(evening), 'Mon');
    assert.equal(axisDateFormat('ko')('{WWWW}')(evening), '월요일');
  });
});
