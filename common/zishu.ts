/**
 * 字数 — the length of a plan as a Chinese office counts it.
 *
 * 417号 asks for a preliminary plan of "800字左右". Reviewers check that figure with Microsoft Word's
 * 字数统计 ("字数" = 中文字符和朝鲜语单词 + 非中文单词), so the platform counts the same way, in the editor
 * (live) and on the server (the same function):
 *
 * 1. **CJK characters — one each.** Every character of the Han script (CJK Unified Ideographs U+4E00–9FFF,
 *    Extension A U+3400–4DBF and the later supplementary extensions, CJK Compatibility Ideographs
 *    U+F900–FAFF and U+2F800–2FA1F, plus 〇 and 々), every kana, and every full-width letter or digit
 *    (U+FF10–FF19, U+FF21–FF3A, U+FF41–FF5A: Word counts these as East Asian characters).
 * 2. **Full-width / CJK punctuation — one each.** The CJK Symbols and Punctuation block (、。〈〉《》「」【】〔〕…,
 *    except the ideographic space U+3000), the non-alphanumeric full-width forms (，！？：；（）％＋…), the CJK
 *    compatibility, vertical and small forms (U+FE10–FE1F, U+FE30–FE6F), and the typographic marks used in
 *    Chinese text: ‘ ’ “ ” — ― … ‥ · ‧ ※ ‰ ℃ ・ (a ’ between two letters is part of a word instead, rule 3).
 * 3. **Words and numbers — one each.** A maximal run of letters/digits of any other script (Latin, Greek,
 *    Cyrillic, Hangul…, with combining marks) is one word, and so is a run joined by a connector that has
 *    a letter or digit on both sides: hyphen `-`, full stop `.`, apostrophe `'` / `’`, underscore `_`,
 *    slash `/`, and `,` or `:` between two digits. So "5G", "2020", "AI", "COVID-19", "3.5", "1,000",
 *    "9:30", "B2B", "www.ndrc.gov.cn", "2020-06-30" each count one; "30%" counts one (the % is ASCII).
 *    Latin text touching Chinese needs no space: "5G基站" = 1 + 2.
 * 4. **Everything else — zero**: whitespace (incl. U+3000), ASCII punctuation and symbols not inside a
 *    word, emoji and other symbols.
 */

/** Per-category counts; `total = cjk + punctuation + latinWords`. */
export interface ZishuBreakdown {
  /** Han characters, kana and full-width letters/digits (one each). */
  cjk: number;
  /** Full-width / CJK punctuation marks (one each). */
  punctuation: number;
  /** Words and numbers in Latin or another alphabetic script (one per run). */
  latinWords: number;
  /** The 字数. */
  total: number;
}

const CJK_CHAR =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF66-\uFF9F]/u;

const CJK_PUNCT =
  /[\u3001-\u3004\u3008-\u3020\u3030-\u303F\u30FB\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65\uFFE0-\uFFEE\uFE10-\uFE1F\uFE30-\uFE6F\u2018\u2019\u201C\u201D\u2014\u2015\u2025\u2026\u00B7\u2027\u203B\u2030\u2103]/u;

// A word character: a letter, digit or combining mark of a script other than Han/kana.
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const DIGIT = /\p{Nd}/u;
const CONNECTOR = new Set(['-', '.', "'", '\u2019', '_', '/']);
const DIGIT_CONNECTOR = new Set([',', ':']);

/** Counts the 字数 of a text by category; see the module comment for the exact rule. */
export function zishuBreakdown(text: string): ZishuBreakdown {
  const chars = Array.from(text ?? '');
  let cjk = 0;
  let punctuation = 0;
  let latinWords = 0;
  let inWord = false;

  const isWordChar = (c: string | undefined): boolean => c !== undefined && WORD_CHAR.test(c) && !CJK_CHAR.test(c);

  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (CJK_CHAR.test(c)) {
      cjk++;
      inWord = false;
    } else if (isWordChar(c)) {
      if (!inWord) latinWords++;
      inWord = true;
    } else if (inWord && isConnectorInWord(chars, i)) {
      // stays inside the current word
    } else if (CJK_PUNCT.test(c)) {
      punctuation++;
      inWord = false;
    } else {
      inWord = false;
    }
  }
  return { cjk, punctuation, latinWords, total: cjk + punctuation + latinWords };

  function isConnectorInWord(all: string[], i: number): boolean {
    const c = all[i] as string;
    const prev = all[i - 1];
    const next = all[i + 1];
    if (prev === undefined || next === undefined) return false;
    if (!LETTER_OR_DIGIT.test(prev) || !isWordChar(next) || !LETTER_OR_DIGIT.test(next)) return false;
    if (CONNECTOR.has(c)) return true;
    if (DIGIT_CONNECTOR.has(c)) return DIGIT.test(prev) && DIGIT.test(next);
    return false;
  }
}

/** The 字数 of a text as Word's 字数统计 reports it (see the module comment for the exact rule). */
export function countZishu(text: string): number {
  return zishuBreakdown(text).total;
}
