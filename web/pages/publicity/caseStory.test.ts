import { describe, expect, it } from 'vitest';
import { storyToHtml, storyToText } from './caseStory.ts';

describe('case story text ⇄ HTML', () => {
  it('turns lines into paragraphs and "# " lines into sub-headings, escaping what was typed', () => {
    expect(storyToHtml('第一段\n\n# 大企业开放场景\n  <b>R&D</b> 投入 \n')).toBe(
      '<p>第一段</p>\n<h3>大企业开放场景</h3>\n<p>&lt;b&gt;R&amp;D&lt;/b&gt; 投入</p>',
    );
    expect(storyToHtml('\n \n')).toBe('');
  });

  it('reads stored HTML back as the same text, so editing does not lose headings or paragraphs', () => {
    const text = '合作意向\n# 大企业开放场景\n检测 <环境> & "场景"';
    expect(storyToText(storyToHtml(text))).toBe(text);
    expect(storyToText('<p>甲</p><h3 id="x">乙</h3><ul><li>丙</li><li>丁</li></ul><p>戊<br>己&nbsp;&#20154;</p>')).toBe(
      '甲\n# 乙\n丙\n丁\n戊\n己 人',
    );
  });
});
