import * as assert from 'node:assert/strict';
import { apiUrlForLog, apiUrlProblem, isLoopbackHost, originOf, parseApiUrl, sendsKeysInClear } from '../../../src/api/apiUrl';
import { ApiError } from '../../../src/api/errors';

describe('api/apiUrl', () => {
  describe('sendsKeysInClear', () => {
    it('flags http:// to another machine', () => {
      for (const url of ['http://api.interwater.biz', 'http://10.0.0.5:5000', 'HTTP://Example.com/api']) assert.equal(sendsKeysInClear(url), true, url);
    });

    it('accepts https:// and http:// to this machine: localhost, 127.0.0.0/8 and ::1', () => {
      for (const url of ['https://api.interwater.biz', 'https://10.0.0.5', 'http://localhost:5000', 'http://LOCALHOST', 'http://127.0.0.1:5000', 'http://127.8.0.1', 'http://[::1]:5000']) {
        assert.equal(sendsKeysInClear(url), false, url);
      }
    });

    it('counts *.localhost and look-alikes of loopback as another machine: the resolver decides where they go', () => {
      for (const url of ['http://dev.localhost', 'http://localhost.evil.example', 'http://127.0.0.1.evil.example', 'http://a127.0.0.1.example', 'http://[::2]', 'http://128.0.0.1']) {
        assert.equal(sendsKeysInClear(url), true, url);
      }
    });

    it('reads the URL as it will be used: surrounding white space, a no-break space too, is trimmed first', () => {
      // parseApiUrl trims and would use this URL, so the clear-text check must see it the same way.
      assert.equal(sendsKeysInClear('http://192.0.2.1\u00a0'), true);
      assert.equal(sendsKeysInClear('  http://api.interwater.biz '), true);
      assert.match(apiUrlProblem('   ') ?? '', /No S-Connector API URL is set/);
    });

    it('leaves what is not a URL to the URL check', () => {
      assert.equal(sendsKeysInClear('not a url'), false);
      assert.equal(sendsKeysInClear(''), false);
    });
  });

  it('knows loopback host names exactly', () => {
    assert.equal(isLoopbackHost('127.0.0.1'), true);
    assert.equal(isLoopbackHost('127.255.255.254'), true);
    assert.equal(isLoopbackHost('::1'), true);
    assert.equal(isLoopbackHost('[::1]'), true);
    assert.equal(isLoopbackHost('127.0.0.1.nip.io'), false);
    assert.equal(isLoopbackHost('a.127.0.0.1'), false);
    assert.equal(isLoopbackHost('localhost.'), false);
  });

  describe('parseApiUrl', () => {
    it('keeps a path prefix, ending it with a slash, and drops query and fragment', () => {
      assert.equal(parseApiUrl(' https://host/api ').href, 'https://host/api/');
      assert.equal(parseApiUrl('https://host/api/?x=1#y').href, 'https://host/api/');
      assert.equal(parseApiUrl('http://127.0.0.1:5000').href, 'http://127.0.0.1:5000/');
    });

    it('refuses a user name or password in the URL, without repeating them', () => {
      for (const url of ['https://user:hunter2@api.interwater.biz', 'https://user@api.interwater.biz', 'https://:hunter2@host']) {
        assert.throws(() => parseApiUrl(url), (error: unknown) =>
          error instanceof ApiError && error.kind === 'invalidInput' && /user name or password/.test(error.message) && !error.message.includes('hunter2'), url);
      }
    });

    it('explains an empty, malformed or non-HTTP API URL', () => {
      assert.match(apiUrlProblem('') ?? '', /No S-Connector API URL is set/);
      assert.match(apiUrlProblem('api.interwater.biz') ?? '', /"api\.interwater\.biz" is not a valid URL/);
      assert.match(apiUrlProblem('ftp://api.interwater.biz') ?? '', /not ftp:\/\//);
      assert.equal(apiUrlProblem('https://api.interwater.biz'), undefined);
    });
  });

  it('binds keys to scheme, host and port', () => {
    assert.equal(originOf('https://api.interwater.biz/v1/'), 'https://api.interwater.biz');
    assert.equal(originOf('https://API.interwater.biz:443'), 'https://api.interwater.biz');
    assert.equal(originOf('http://127.0.0.1:5000/x'), 'http://127.0.0.1:5000');
    assert.notEqual(originOf('http://api.interwater.biz'), originOf('https://api.interwater.biz'));
    assert.notEqual(originOf('https://api.interwater.biz:8443'), originOf('https://api.interwater.biz'));
    assert.equal(originOf('https://u:p@api.interwater.biz'), undefined, 'a URL that is refused has no origin');
    assert.equal(originOf('nonsense'), undefined);
  });

  it('logs origin and path only', () => {
    assert.equal(apiUrlForLog('https://api.interwater.biz/base?token=abc#frag'), 'https://api.interwater.biz/base/');
    assert.equal(apiUrlForLog('https://user:secret@api.interwater.biz'), '(not a valid API URL)');
    assert.equal(apiUrlForLog('garbage with secret'), '(not a valid API URL)');
  });
});
