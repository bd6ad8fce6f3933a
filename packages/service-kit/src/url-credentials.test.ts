import { describe, expect, it } from 'vitest';
import { redactUrl, withoutQueryParameter } from './url-credentials.js';

const jwt = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl';

describe('redactUrl', () => {
  it.each([
    ['/ws?access_token=secret', '/ws?access_token=[redacted]'],
    ['/ws?x=1&access%5Ftoken=secret', '/ws?x=1&access%5Ftoken=[redacted]'],
    ['/ws?%61ccess_token=secret&y=2', '/ws?%61ccess_token=[redacted]&y=2'],
    ['/ws?refresh_token=r', '/ws?refresh_token=[redacted]'],
    [`/ws?anything=${jwt}`, '/ws?anything=[redacted]'],
    [`/ws?${jwt}`, '/ws?[redacted]'],
    ['/api/problems?q=%E0%A4&limit=5', '/api/problems?q=%E0%A4&limit=5'],
    ['/api/problems', '/api/problems'],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});

describe('withoutQueryParameter', () => {
  it.each([
    ['/ws?access_token=t', '/ws'],
    ['/ws?access%5Ftoken=t&x=a%20b', '/ws?x=a%20b'],
    ['/ws?x=1&%61ccess_token=t&access_token=u', '/ws?x=1'],
    ['/ws?x=a+b&y', '/ws?x=a+b&y'],
    ['/ws', '/ws'],
  ])('%s → %s', (url, expected) => {
    expect(withoutQueryParameter(url, 'access_token')).toBe(expected);
  });
});
