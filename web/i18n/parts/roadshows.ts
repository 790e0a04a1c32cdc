/** UI strings for Roadshows, judging and the virtual exhibition hall (issue 5). Keys are prefixed with `roadshows.`. */
export const roadshowsZh = {
  'roadshows.title': '路演',
} as const;

export const roadshowsEn: Partial<Record<keyof typeof roadshowsZh, string>> = {
  'roadshows.title': 'Roadshows',
};
