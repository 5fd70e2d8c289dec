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

  it('adds a zone the user has (or chose) when the list lacks it, and ignores names it does not know', () => {
    assert.deepEqual(zoneChoices(['Asia/Seoul'], ['Etc/GMT+5', 'Nowhere/Land', '']), ['UTC', 'Asia/Seoul', 'Etc/GMT+5']);
  });
});
