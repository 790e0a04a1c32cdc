/** UI strings for the theme days' results and the programme overview (issue 10). Keys are prefixed with `outcomes.`. */
export const outcomesZh = {
  'outcomes.results': '主题日成果',
  'outcomes.overview': '全国总览',
} as const;

export const outcomesEn: Record<keyof typeof outcomesZh, string> = {
  'outcomes.results': 'Theme-day results',
  'outcomes.overview': 'Programme overview',
};
