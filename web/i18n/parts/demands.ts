/** UI strings for Demands, technology catalogues, consortia, search and recommendations (issue 3). Keys are prefixed with `demands.`. */
export const demandsZh = {
  'demands.title': '需求与技术目录',
} as const;

export const demandsEn: Partial<Record<keyof typeof demandsZh, string>> = {
  'demands.title': 'Demands & catalogues',
};
