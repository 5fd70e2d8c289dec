import * as assert from 'node:assert/strict';
import { cleanServerText } from '../../../src/api/errors';
import { backoffDelay, endpointUrl, parseRetryAfter, redact } from '../../../src/api/http';
import { ApiError } from '../../../src/api/errors';

describe('api/http helpers', () => {
  it('resolves endpoints against the base URL, keeping a path prefix and encoding the query', () => {
    assert.equal(endpointUrl('https://api.interwater.biz', 'v1/info').href, 'https://api.interwater.biz/v1/info');
    assert.equal(endpointUrl(' https://host/api ', 'v1/info').href, 'https://host/api/v1/info');
    assert.equal(endpointUrl('http://127.0.0.1:5000/', 'v1/static', { startTime: '2021-02-20', endTime: undefined }).href,
      'http://127.0.0.1:5000/v1/static?startTime=2021-02-20');
    assert.equal(endpointUrl('https://h', `v1/sessions/${encodeURIComponent('a/b?c#d%e 회의')}`).pathname,
      '/v1/sessions/a%2Fb%3Fc%23d%25e%20%ED%9A%8C%EC%9D%98');
  });

  it('explains an empty, malformed or non-HTTP API URL', () => {
    const invalid = (url: string, pattern: RegExp) => assert.throws(() => endpointUrl(url, 'v1/info'),
      (error: unknown) => error instanceof ApiError && error.kind === 'invalidInput' && pattern.test(error.message));
    invalid('', /No S-Connector API URL is set/);
    invalid('api.interwater.biz', /not a valid URL/);
    invalid('ftp://api.interwater.biz', /must start with https:\/\//);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6_000);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(null), undefined);
  });

  it('backs off exponentially with jitter between half and all of the ceiling', () => {
    assert.equal(backoffDelay(100, 1, () => 0), 50);
    assert.equal(backoffDelay(100, 1, () => 1), 100);
    assert.equal(backoffDelay(100, 3, () => 0.5), 300);
  });

  it('scrubs credentials and control characters from server text', () => {
    assert.equal(redact('bad key abcdef123 given', ['abcdef123']), 'bad key ••• given');
    assert.equal(cleanServerText('line\none\u0007\tend'), 'line one end');
    assert.equal(cleanServerText('x'.repeat(500)).length, 200);
  });
});
