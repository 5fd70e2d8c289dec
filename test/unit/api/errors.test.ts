import * as assert from 'node:assert/strict';
import { ApiError, type ApiErrorKind, cleanServerText, isApiError } from '../../../src/api/errors';

describe('api/errors', () => {
  describe('ApiError', () => {
    it('is an Error named ApiError, with its kind, message and detail', () => {
      const error = new ApiError('httpStatus', 'The server said no.', { status: 418, serverMessage: 'teapot' });
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'ApiError');
      assert.equal(error.kind, 'httpStatus');
      assert.equal(error.message, 'The server said no.');
      assert.deepEqual(error.detail, { status: 418, serverMessage: 'teapot' });
      assert.match(String(error), /^ApiError: The server said no\.$/);
    });

    it('has an empty detail when none is given', () => {
      assert.deepEqual(new ApiError('wrongKeys', 'x').detail, {});
    });

    it('calls a dropped or slow connection transient, and what the user must fix not', () => {
      const transient = (kind: ApiErrorKind) => new ApiError(kind, 'x').transient;
      assert.equal(transient('unreachable'), true);
      assert.equal(transient('timeout'), true);
      for (const kind of ['signedOut', 'wrongKeys', 'tokenRejected', 'refused', 'unexpectedResponse', 'invalidInput', 'secretStorage', 'redirected'] as const) {
        assert.equal(transient(kind), false, kind);
      }
    });

    it('calls 429 and 5xx transient, other statuses and a missing status not', () => {
      const transient = (status: number | undefined) => new ApiError('httpStatus', 'x', status === undefined ? {} : { status }).transient;
      for (const status of [429, 500, 502, 503, 504, 599]) assert.equal(transient(status), true, String(status));
      for (const status of [400, 401, 403, 404, 428, 430, 499]) assert.equal(transient(status), false, String(status));
      assert.equal(transient(undefined), false);
      // A status alone does not make another kind transient.
      assert.equal(new ApiError('refused', 'x', { status: 503 }).transient, false);
    });
  });

  describe('isApiError', () => {
    it('knows an ApiError, also one from another copy of the module (the report bundle), and nothing else', () => {
      assert.equal(isApiError(new ApiError('timeout', 'slow')), true);
      const fromOtherBundle = Object.assign(new Error('slow'), { name: 'ApiError', kind: 'timeout', detail: {} });
      assert.equal(isApiError(fromOtherBundle), true);
      assert.equal(isApiError(Object.assign(new Error('x'), { name: 'ApiError' })), false, 'no kind');
      assert.equal(isApiError(Object.assign(new Error('x'), { kind: 'timeout' })), false, 'another name');
      assert.equal(isApiError({ name: 'ApiError', kind: 'timeout', message: 'x' }), false, 'not an Error');
      assert.equal(isApiError(undefined), false);
    });
  });

  describe('cleanServerText', () => {
    it('leaves ordinary text, Korean and punctuation alone', () => {
      for (const text of ['database down', '샘플 회의실을 찾을 수 없습니다', 'a.b, c; (d) [e] 50%']) assert.equal(cleanServerText(text), text);
    });

    it('turns every control character and line separator into a space, and runs of them into one', () => {
      assert.equal(cleanServerText('a\nb'), 'a b');
      assert.equal(cleanServerText('a\r\n\tb'), 'a b');
      assert.equal(cleanServerText('a\u0000b\u001fc\u007fd\u0085e\u009ff'), 'a b c d e f');
      assert.equal(cleanServerText('a\u2028b\u2029c'), 'a b c');
      assert.equal(cleanServerText('a\u0007\u0007\u0007b'), 'a b');
      assert.ok(!/[\p{Cc}\u2028\u2029]/u.test(cleanServerText('x\u0001\u0002\u0003\u0004\u0005\u0006\u0008\u000b\u000c\u000e\u001b[31my')));
    });

    it('collapses runs of white space and trims the ends', () => {
      assert.equal(cleanServerText('  quota   service \u00a0 down  '), 'quota service down');
      assert.equal(cleanServerText('\n\n  \t'), '');
      assert.equal(cleanServerText('a  b'), 'a b');
    });

    it('neutralises bidi overrides and lone surrogates, which would reorder or break the notification', () => {
      assert.equal(cleanServerText('see \u202Etxt.exe'), 'see \ufffdtxt.exe');
      assert.equal(cleanServerText('bad\ud800name'), 'bad\ufffdname');
      assert.doesNotThrow(() => encodeURIComponent(cleanServerText('x\udc00')));
    });

    it('breaks Markdown links, so a message never becomes a link or a command', () => {
      assert.equal(cleanServerText('[Fix it](command:workbench.action.openSettings)'), '[Fix it] (command:workbench.action.openSettings)');
      assert.equal(cleanServerText('[a]\n(https://evil.example)'), '[a] (https://evil.example)');
    });

    it('keeps a message of up to 200 characters whole and cuts a longer one to 200 with an ellipsis', () => {
      const exact = 'y'.repeat(200);
      assert.equal(cleanServerText(exact), exact);
      const long = cleanServerText(`${'z'.repeat(199)}AB`);
      assert.equal(long, `${'z'.repeat(199)}…`);
      assert.equal(long.length, 200);
      // Length is counted after cleaning: white space that collapses does not count.
      assert.equal(cleanServerText(`${'w'.repeat(100)}          ${'w'.repeat(99)}`), `${'w'.repeat(100)} ${'w'.repeat(99)}`);
    });

    it('cuts an HTML error page to something a notification can hold', () => {
      const page = `<html>\n<head><title>502 Bad Gateway</title></head>\n<body>${'<p>upstream failed</p>\n'.repeat(50)}</body></html>`;
      const cleaned = cleanServerText(page);
      assert.equal(cleaned.length, 200);
      assert.ok(cleaned.startsWith('<html> <head><title>502 Bad Gateway</title></head> <body><p>'));
      assert.ok(!cleaned.includes('\n'));
    });
  });
});
