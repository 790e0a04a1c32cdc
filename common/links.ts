/**
 * The one vocabulary of links: the web app's routes. Server notifications and to-do items carry these
 * paths, the SPA navigates with them, and `web/routes.test.ts` proves that every link built here lands
 * on a route the SPA declares (so no notification leads to 页面不存在).
 *
 * Workspace links are for the people who act on the record (the notification's recipients); portal
 * links are for everyone.
 */
export const links = {
  home: () => '/',
  workspace: () => '/workspace',
  notifications: () => '/workspace/notifications',
  notificationSettings: () => '/workspace/notifications/settings',
  notificationDeliveries: () => '/workspace/deliveries',

  // Registering or joining an organisation, its verification and join requests (issue 12 §1)
  onboarding: () => '/workspace/onboarding',
  orgVerification: () => '/workspace/org-verification',
  joinRequests: () => '/workspace/join-requests',

  // Programme workflow (workspace)
  programme: (id: string) => `/workspace/programmes/${id}`,
  programmePlans: (programmeId: string) => `/workspace/plans?programme=${programmeId}`,
  plan: (id: string) => `/workspace/plans/${id}`,
  review: (id: string) => `/workspace/reviews/${id}`,
  reviewSummary: (programmeId: string) => `/workspace/selection?programme=${programmeId}`,
  activityPlan: (themeDayId: string) => `/workspace/activity-plans/${themeDayId}`,
  coorganisation: (themeDayId: string) => `/workspace/coorganisation/${themeDayId}`,

  // Portal pages
  themeDay: (id: string) => `/theme-days/${id}`,
  themeDayHall: (themeDayId: string) => `/theme-days/${themeDayId}/hall`,
  organisation: (id: string) => `/orgs/${id}`,
  demand: (id: string) => `/demands/${id}`,
  technology: (id: string) => `/technologies/${id}`,
  resource: (id: string) => `/resources/${id}`,
  result: (id: string) => `/results/${id}`,
  dockingSession: (id: string) => `/docking/${id}`,
  alliance: (id: string) => `/docking/alliances/${id}`,
  eventSession: (id: string) => `/sessions/${id}`,
  roadshow: (id: string) => `/roadshows/${id}`,
  booth: (id: string) => `/hall/booths/${id}`,

  // Content areas (workspace)
  myDemand: (id: string) => `/workspace/demands/${id}`,
  consortia: () => '/workspace/demands?tab=consortia',
  myResources: () => '/workspace/resources',
  resourceRequestsReceived: () => '/workspace/resources?tab=received',
  myResult: (id: string) => `/workspace/results/${id}`,
  myDocking: () => '/workspace/docking',

  // Events, meetings, roadshows (workspace)
  myEvents: () => '/workspace/events',
  eventPass: (registrationId: string) => `/workspace/events/passes/${registrationId}`,
  staffEventSession: (id: string) => `/workspace/events/sessions/${id}`,
  meetingSession: (id: string) => `/workspace/meetings/${id}`,
  manageRoadshow: (id: string) => `/workspace/roadshows/${id}`,
  hallManage: () => '/workspace/roadshows/hall',
  hallReview: () => '/workspace/roadshows/hall?hall=review',
  hallRequests: () => '/workspace/roadshows/hall/requests',

  // Cooperation projects and the theme days' results (workspace)
  project: (id: string) => `/workspace/projects/${id}`,
  projectFollowUp: (id: string, point: number) => `/workspace/projects/${id}/follow-ups/${point}`,
  myProjects: () => '/workspace/projects',
  awaitingMe: () => '/workspace/projects?box=awaiting_me',
  newProject: () => '/workspace/projects/new',
  themeDayResults: (themeDayId: string) => `/workspace/projects/results?themeDay=${themeDayId}`,
  projectsOverview: () => '/workspace/projects/overview',

  // Satisfaction surveys (issue 11 §1). `surveyAnswer` carries the personal single-use token: the link is the
  // credential and opens the questions without signing in (portal page).
  surveyAnswer: (token: string) => `/survey/${token}`,
  surveys: () => '/workspace/surveys',
  survey: (id: string) => `/workspace/surveys/${id}`,
  surveyResults: (id: string) => `/workspace/surveys/${id}/results`,
  openSurvey: (themeDayId: string) => `/workspace/surveys/new?themeDay=${themeDayId}`,
  surveyInstrument: () => '/workspace/surveys/instrument',

  // Publicity and the national showcase (issue 11 §3): the portal's news, success cases and benchmark
  // enterprises; the workspace's news editor, a case's page (where the parties consent) and the nominations.
  news: (id: string) => `/news/${id}`,
  newsList: () => '/news',
  case: (id: string) => `/cases/${id}`,
  cases: () => '/cases',
  benchmarks: () => '/benchmarks',
  myNews: (id: string) => `/workspace/news/${id}`,
  newsReview: () => '/workspace/news?box=review',
  myCase: (id: string) => `/workspace/cases/${id}`,
  nominations: () => '/workspace/nominations',
  // The third-party evaluation (issue 11 §2): NDRC's list and commission form, the evaluator's dashboard.
  evaluations: () => '/workspace/evaluations',
  newEvaluation: () => '/workspace/evaluations/new',
  evaluation: (id: string) => `/workspace/evaluations/${id}`,
} as const;

export type LinkName = keyof typeof links;
