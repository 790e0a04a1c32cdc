/** UI strings for 1:1 business meetings (issue 4). Keys are prefixed with `meetings.`. */
export const meetingsZh = {
  'meetings.title': '洽谈会',
} as const;

export const meetingsEn: Partial<Record<keyof typeof meetingsZh, string>> = {
  'meetings.title': 'B2B meetings',
};
