import * as assert from 'node:assert/strict';
import { zoneChoices } from '../../../src/report/zoneNames';

describe('report/zoneNames', () => {
  it("offers renamed zones by today's name, UTC first, the rest sorted", () => {
    assert.deepEqual(zoneChoices(['Europe/Berlin', 'Asia/Calcutta', 'Asia/Seoul', 'America/Godthab']), ['UTC', 'America/Nuuk', 'Asia/Kolkata', 'Asia/Seoul', 'Europe/Berlin']);
  });

  it("finds Kolkata, Kyiv and Ho Chi Minh among this runtime's zones", () => {
    const choices = zoneChoices(Intl.supportedValuesOf('timeZone'));
    for (const zone of ['Asia/Kolkata', 'Asia/Ho_Chi_Minh', 'America/New_York', 'Australia/Lord_Howe', 'UTC']) assert.ok(choices.includes(zone), zone);
    assert.ok(!choices.includes('Asia/Calcutta'));
    assert.equal(new Set(choices).size, choices.length);
  });

  it('renames every older ICU name this runtime might list', () => {
    const renamed: Record<string, string> = {
      'Africa/Asmera': 'Africa/Asmara', 'America/Buenos_Aires': 'America/Argentina/Buenos_Aires', 'America/Catamarca': 'America/Argentina/Catamarca',
      'America/Cordoba': 'America/Argentina/Cordoba', 'America/Godthab': 'America/Nuuk', 'America/Indianapolis': 'America/Indiana/Indianapolis',
      'America/Jujuy': 'America/Argentina/Jujuy', 'America/Louisville': 'America/Kentucky/Louisville', 'America/Mendoza': 'America/Argentina/Mendoza',
      'Asia/Calcutta': 'Asia/Kolkata', 'Asia/Katmandu': 'Asia/Kathmandu', 'Asia/Rangoon': 'Asia/Yangon', 'Asia/Saigon': 'Asia/Ho_Chi_Minh',
      'Atlantic/Faeroe': 'Atlantic/Faroe', 'Europe/Kiev': 'Europe/Kyiv', 'Pacific/Enderbury': 'Pacific/Kanton', 'Pacific/Ponape': 'Pacific/Pohnpei', 'Pacific/Truk': 'Pacific/Chuuk',
    };
    for (const [old, current] of Object.entries(renamed)) {
      // A runtime whose ICU does not know the new name keeps the old one, which it does know.
      let known = true;
      try {
        new Intl.DateTimeFormat('en', { timeZone: current });
      } catch {
        known = false;
      }
      assert.deepEqual(zoneChoices([old]), ['UTC', known ? current : old], old);
    }
  });

  it('adds a zone the user has (or chose) when the list lacks it, and ignores names it does not know', () => {
    assert.deepEqual(zoneChoices(['Asia/Seoul'], ['Etc/GMT+5', 'Nowhere/Land', '']), ['UTC', 'Asia/Seoul', 'Etc/GMT+5']);
  });
});
