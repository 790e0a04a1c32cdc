/** UI strings for Open resources, research results and deep docking (issue 3). Keys are prefixed with `supply.`. */
export const supplyZh = {
  'supply.title': '开放资源与科技成果',
} as const;

export const supplyEn: Partial<Record<keyof typeof supplyZh, string>> = {
  'supply.title': 'Resources & results',
};
