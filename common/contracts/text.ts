/**
 * The one text rule every string input obeys (issue 15 "Bad input"), so SQLite and PostgreSQL answer the same:
 * no NUL or other control characters (PostgreSQL refuses NUL in text; the others hide or garble what a reader
 * sees), no unpaired surrogates or bidirectional overrides, Unicode in NFC, and a length ceiling. The server
 * applies it to every body, query and path string before validation (server/plugins/input-guard.ts); contracts
 * add their own, tighter `.max()`. Links are accepted only as absolute http/https URLs (`httpUrl`).
 */
import { z } from 'zod';

/** Longest string accepted anywhere in a JSON body (the rich-text bodies of news are the longest fields). */
export const BODY_TEXT_MAX = 100_000;
/** Longest string accepted in a query or path parameter. */
export const QUERY_TEXT_MAX = 2_000;

/** Message of the field error for a string breaking the rule. */
export const CONTROL_CHAR_MESSAGE = '不能包含控制字符';
export const INVALID_CHAR_MESSAGE = '包含无效字符';

/**
 * C0 controls (except tab, line feed and carriage return, allowed in multi-line text), DEL, C1 controls,
 * the bidirectional embedding/override/isolate controls (they reorder what a reader sees) and U+FFFE/U+FFFF.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/;
/** A surrogate half without its partner: not a character, and stored as garbage (or refused) by the database. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type TextFault = 'control_character' | 'invalid_character' | 'too_long';

/**
 * What is wrong with a string under the text rule, or null. `multiline` allows tab and line breaks (body
 * fields); query and path parameters are single-line. `max` counts characters after NFC normalisation.
 */
export function textFault(s: string, opts: { multiline: boolean; max: number }): TextFault | null {
  if ((opts.multiline ? CONTROL_MULTILINE : CONTROL_SINGLE_LINE).test(s)) return 'control_character';
  if (LONE_SURROGATE.test(s)) return 'invalid_character';
  if (s.length > opts.max && s.normalize('NFC').length > opts.max) return 'too_long';
  return null;
}

/** The Chinese message of a fault, as field errors carry it. */
export function textFaultMessage(fault: TextFault, max: number): string {
  if (fault === 'control_character') return CONTROL_CHAR_MESSAGE;
  if (fault === 'invalid_character') return INVALID_CHAR_MESSAGE;
  return `内容过长（最多 ${max} 个字符）`;
}

/** The stored form of text: Unicode NFC (a character typed two ways is stored, searched and compared once). */
export const normaliseText = (s: string): string => s.normalize('NFC');

/** True for an absolute http:// or https:// URL with a host (no javascript:, data:, file:, mailto: …). */
export function isHttpUrl(s: string): boolean {
  if (!/^https?:\/\//i.test(s) || /\s/.test(s)) return false;
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

export const HTTP_URL_MESSAGE = '请输入以 http:// 或 https:// 开头的网址';

/** A link field: an absolute http/https URL (trimmed), at most `max` characters. */
export const httpUrl = (max = 1000) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(isHttpUrl, { message: HTTP_URL_MESSAGE, params: { code: 'invalid_url' } });

/**
 * A field that holds either plain text (e.g. 「腾讯会议 123-456-789」, 「ID:8888」) or a link: a value that reads as
 * one URL with a scheme (`scheme://…`, or `scheme:` not followed by a digit) must be http/https, so
 * `javascript:` and `data:` links are refused wherever the text is shown or turned into a link.
 */
export function isTextOrHttpUrl(s: string): boolean {
  const v = s.trim();
  const looksLikeLink =
    /^[a-z][a-z0-9+.-]*:(\/\/|[^\d\s])\S*$/i.test(v) || /^(javascript|vbscript|data|file|blob):/i.test(v);
  if (!looksLikeLink) return true;
  return isHttpUrl(v);
}

/** A free-text field that may hold a link (see `isTextOrHttpUrl`), trimmed, at most `max` characters. */
export const textOrHttpUrl = (max = 1000) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(isTextOrHttpUrl, { message: HTTP_URL_MESSAGE, params: { code: 'invalid_url' } });
