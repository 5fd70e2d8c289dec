import * as assert from 'node:assert/strict';
import { sendsKeysInClear } from '../../../src/state/apiUrlSafety';

describe('state/apiUrlSafety', () => {
  it('flags http:// to another machine', () => {
    for (const url of ['http://api.interwater.biz', 'http://10.0.0.5:5000', 'HTTP://Example.com/api']) assert.equal(sendsKeysInClear(url), true, url);
  });

  it('accepts https:// and http:// to this machine', () => {
    for (const url of ['https://api.interwater.biz', 'http://localhost:5000', 'http://127.0.0.1:5000', 'http://127.8.0.1', 'http://[::1]:5000', 'http://dev.localhost']) {
      assert.equal(sendsKeysInClear(url), false, url);
    }
  });

  it('leaves what is not a URL to the URL check', () => {
    assert.equal(sendsKeysInClear('not a url'), false);
    assert.equal(sendsKeysInClear(''), false);
  });
});
