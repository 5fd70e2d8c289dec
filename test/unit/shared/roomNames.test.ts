import * as assert from 'node:assert/strict';
import { compareRoomNames } from '../../../src/shared/roomNames';

describe('shared/roomNames', () => {
  it('orders numbers by value and letters as the language does', () => {
    assert.ok(compareRoomNames('room 9', 'room 10') < 0);
    assert.ok(compareRoomNames('room 10', 'room 9') > 0);
    assert.ok(compareRoomNames('apple', 'Banana') < 0, 'not by code unit, where B comes first');
  });

  it('orders names the collator finds equal by code unit, so that the order is total', () => {
    const composed = 'caf\u00e9';
    const decomposed = 'cafe\u0301';
    assert.ok(compareRoomNames(decomposed, composed) < 0, 'e (U+0065) before é (U+00E9)');
    assert.ok(compareRoomNames(composed, decomposed) > 0);
    assert.equal(compareRoomNames(composed, composed), 0);
  });
});
