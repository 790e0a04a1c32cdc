import { describe, expect, it } from 'vitest';
import { isRealDate, isRealLocalDateTime } from './common.ts';
import { httpUrl, isHttpUrl, isTextOrHttpUrl, textFault } from './text.ts';

describe('the text rule', () => {
  it('finds control characters, bidi overrides, unpaired surrogates and over-long text', () => {
    const body = { multiline: true, max: 10 };
    const query = { multiline: false, max: 10 };
    expect(textFault('第一行\n\t第二行', body)).toBeNull();
    expect(textFault('a\nb', query)).toBe('control_character');
    expect(textFault('a\u0000b', body)).toBe('control_character');
    expect(textFault('a\u0085b', body)).toBe('control_character');
    expect(textFault('a\u202eb', body)).toBe('control_character');
    expect(textFault('a\ud800b', body)).toBe('invalid_character');
    expect(textFault('😀', body)).toBeNull();
    expect(textFault('长'.repeat(11), body)).toBe('too_long');
    // Counted after NFC: ten decomposed é (20 code units) fit in 10.
    expect(textFault('e\u0301'.repeat(10), body)).toBeNull();
  });
});

describe('links', () => {
  it('accepts only absolute http/https URLs with a host', () => {
    for (const ok of [
      'https://meeting.example.cn/r/1',
      'HTTP://a.cn',
      'https://会议.cn/房间?a=1',
      'https://a.cn/{meeting}',
    ])
      expect(isHttpUrl(ok), ok).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,x',
      'ftp://a.cn',
      '//a.cn',
      'https://',
      'https://a.cn/ x',
      'mailto:a@b.cn',
    ])
      expect(isHttpUrl(bad), bad).toBe(false);
    expect(httpUrl().safeParse('  https://a.cn  ').data).toBe('https://a.cn');
    expect(httpUrl().safeParse('javascript:alert(1)').success).toBe(false);
  });

  it('lets a text-or-link field hold text, but a link in it must be http/https', () => {
    for (const ok of ['腾讯会议 123-456-789', 'ID:8888', 'Zoom: 123', 'https://live.example.cn', '融通创新云展厅直播'])
      expect(isTextOrHttpUrl(ok), ok).toBe(true);
    for (const bad of ['javascript:alert(1)', ' JavaScript:1', 'data:text/html,x', 'file:///etc/passwd', 'vbscript:x'])
      expect(isTextOrHttpUrl(bad), bad).toBe(false);
  });
});

describe('dates', () => {
  it('accepts real calendar dates and times of day only', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2026-02-29')).toBe(false);
    expect(isRealDate('2026-02-30')).toBe(false);
    expect(isRealDate('2026-13-01')).toBe(false);
    expect(isRealLocalDateTime('2026-03-01T23:59')).toBe(true);
    expect(isRealLocalDateTime('2026-03-01 08:30:59')).toBe(true);
    expect(isRealLocalDateTime('2026-02-30T10:00')).toBe(false);
    expect(isRealLocalDateTime('2026-03-01T24:00')).toBe(false);
    expect(isRealLocalDateTime('2026-03-01T10:60')).toBe(false);
  });
});
