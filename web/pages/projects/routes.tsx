/**
 * Routes of cooperation projects and the theme days' results (issue 10), all under /workspace/projects.
 * The static paths (new, results, overview) come before `:id` only for readability: react-router ranks them.
 */
import { Fragment } from 'react';
import { Route } from 'react-router';
import { g, page } from '../../routing.tsx';

const ProjectsPage = page(() => import('./ProjectsPage.tsx'), 'ProjectsPage');
const ProjectFormPage = page(() => import('./ProjectFormPage.tsx'), 'ProjectFormPage');
const ProjectPage = page(() => import('./ProjectPage.tsx'), 'ProjectPage');
const FollowUpPage = page(() => import('./FollowUpPage.tsx'), 'FollowUpPage');
const ResultsPage = page(() => import('./outcomes/ResultsPage.tsx'), 'ResultsPage');
const OverviewPage = page(() => import('./outcomes/OverviewPage.tsx'), 'OverviewPage');

export const workspaceRoutes = (
  <Fragment>
    <Route path="projects" element={g('projects', <ProjectsPage />)} />
    <Route path="projects/new" element={g('projects', <ProjectFormPage />)} />
    <Route path="projects/results" element={g('projects', <ResultsPage />)} />
    <Route path="projects/overview" element={g('projects', <OverviewPage />)} />
    <Route path="projects/:id" element={g('projects', <ProjectPage />)} />
    <Route path="projects/:id/follow-ups/:point" element={g('projects', <FollowUpPage />)} />
  </Fragment>
);
