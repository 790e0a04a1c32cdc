/** UI strings for cooperation projects: lists, the project page, follow-ups (issue 10). Keys are prefixed with `projects.`. */
export const projectsZh = {
  'projects.title': '合作项目',
} as const;

export const projectsEn: Record<keyof typeof projectsZh, string> = {
  'projects.title': 'Cooperation projects',
};
