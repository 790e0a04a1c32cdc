/** UI strings for Event registration, waitlists, passes and check-in (issue 5). Keys are prefixed with `events.`. */
export const eventsZh = {
  'events.title': '活动报名',
} as const;

export const eventsEn: Partial<Record<keyof typeof eventsZh, string>> = {
  'events.title': 'Registration',
};
