import * as assert from 'node:assert/strict';
import { cleanServerText } from '../../../src/api/errors';
import { backoffDelay, endpointUrl, MAX_RETRY_AFTER_MS, parseRetryAfter, redact, unreachableMessage } from '../../../src/api/http';
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
    assert.equal(parseRetryAfter(' 0 '), 0);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6_000);
    assert.equal(parseRetryAfter('Thu, 01 Jan 1970 00:00:01 GMT', 5_000), 0, 'a date in the past means now');
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter('-5'), undefined);
    assert.equal(parseRetryAfter(''), undefined);
    assert.equal(parseRetryAfter(null), undefined);
  });

  it('caps Retry-After, in both forms, so no timer overflows into a request storm', () => {
    assert.equal(MAX_RETRY_AFTER_MS, 60 * 60_000);
    assert.equal(parseRetryAfter(String(MAX_RETRY_AFTER_MS / 1000)), MAX_RETRY_AFTER_MS);
    assert.equal(parseRetryAfter(String(MAX_RETRY_AFTER_MS / 1000 + 1)), MAX_RETRY_AFTER_MS);
    assert.equal(parseRetryAfter('3000000'), MAX_RETRY_AFTER_MS);
    assert.equal(parseRetryAfter('9'.repeat(400)), MAX_RETRY_AFTER_MS, 'even digits beyond any number');
    const now = Date.UTC(2026, 10, 28);
    assert.equal(parseRetryAfter(new Date(now + 21 * 86_400_000).toUTCString(), now), MAX_RETRY_AFTER_MS, 'a date weeks ahead');
    assert.equal(parseRetryAfter(new Date(now + 90_000).toUTCString(), now), 90_000, 'a near date is kept');
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

  it('redacts every occurrence of every credential, but not text too short to be one', () => {
    assert.equal(redact('k1 k1 k2', ['k1k1', 'xx']), 'k1 k1 k2');
    assert.equal(redact('aaaa-bbbb-aaaa', ['aaaa', 'bbbb']), '•••-•••-•••');
    assert.equal(redact('abc', ['abc']), 'abc', 'three characters are no credential, and would blank ordinary words');
  });

  it('makes server messages inert: no link, no command, no bidi override, no lone surrogate', () => {
    assert.equal(cleanServerText('[Fix it](command:workbench.action.openSettings)'), '[Fix it] (command:workbench.action.openSettings)');
    assert.equal(cleanServerText('\u202Eevil'), '\ufffdevil');
    assert.equal(cleanServerText('a\ud800b'), 'a\ufffdb');
    const long = cleanServerText(`${'x'.repeat(198)}🎥🎥🎥`);
    assert.equal(long, `${'x'.repeat(198)}🎥…`, 'shortened without cutting an emoji in two');
  });

  it('names the cause of every connection failure in one sentence, and the code when it is unknown', () => {
    const causes: Record<string, string> = {
      ECONNREFUSED: 'the connection was refused. Check the API URL and that the server is running.',
      ENOTFOUND: 'its name could not be resolved. Check the API URL and your network connection.',
      EAI_AGAIN: 'its name could not be resolved. Check the API URL and your network connection.',
      ECONNRESET: 'the connection was closed before an answer came.',
      EPIPE: 'the connection was closed before an answer came.',
      ETIMEDOUT: 'the network could not reach it. Check your connection or proxy settings.',
      ENETUNREACH: 'the network could not reach it. Check your connection or proxy settings.',
      EHOSTUNREACH: 'the network could not reach it. Check your connection or proxy settings.',
      CERT_HAS_EXPIRED: 'its TLS certificate is not trusted (CERT_HAS_EXPIRED).',
      DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT).',
      ERR_SSL_WRONG_VERSION_NUMBER: 'its TLS certificate is not trusted (ERR_SSL_WRONG_VERSION_NUMBER).',
      EPROTO: 'the connection failed (EPROTO).',
      '': 'the connection failed.',
    };
    for (const [code, cause] of Object.entries(causes)) {
      assert.equal(unreachableMessage('h.example:443', code), `Cannot reach the S-Connector server at h.example:443: ${cause}`, code);
    }
  });
});
