/**
 * Routes of satisfaction surveys (issue 11 §1): the answer page on the portal (no sign-in: the personal
 * link is the credential) and the workspace pages under /workspace/surveys.
 */
import { Fragment } from 'react';
import { Route } from 'react-router';
import { g, page } from '../../routing.tsx';

const AnswerPage = page(() => import('./AnswerPage.tsx'), 'AnswerPage');
const SurveysPage = page(() => import('./SurveysPage.tsx'), 'SurveysPage');
const OpenSurveyPage = page(() => import('./OpenSurveyPage.tsx'), 'OpenSurveyPage');
const SurveyPage = page(() => import('./SurveyPage.tsx'), 'SurveyPage');
const ResultsPage = page(() => import('./ResultsPage.tsx'), 'SurveyResultsPage');
const InstrumentPage = page(() => import('./InstrumentPage.tsx'), 'InstrumentPage');

export const portalRoutes = (
  <Fragment>
    <Route path="survey/:token" element={<AnswerPage />} />
  </Fragment>
);

export const workspaceRoutes = (
  <Fragment>
    <Route path="surveys" element={g('surveys', <SurveysPage />)} />
    <Route path="surveys/new" element={g('surveys', <OpenSurveyPage />)} />
    <Route path="surveys/instrument" element={g('surveys', <InstrumentPage />)} />
    <Route path="surveys/:id" element={g('surveys', <SurveyPage />)} />
    <Route path="surveys/:id/results" element={g('surveys', <ResultsPage />)} />
  </Fragment>
);
