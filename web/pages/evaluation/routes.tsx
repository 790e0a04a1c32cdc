/**
 * Routes of the third-party evaluation (issue 11 §2): NDRC's list and commission form, the evaluator's
 * dashboard (side-by-side indicators, scoring, conclusions, report) under /workspace/evaluations.
 */
import { Fragment } from 'react';
import { Route } from 'react-router';
import { g, page } from '../../routing.tsx';

const EvaluationsPage = page(() => import('./EvaluationsPage.tsx'), 'EvaluationsPage');
const CommissionPage = page(() => import('./CommissionPage.tsx'), 'CommissionPage');
const EvaluationPage = page(() => import('./EvaluationPage.tsx'), 'EvaluationPage');

export const workspaceRoutes = (
  <Fragment>
    <Route path="evaluations" element={g('evaluations', <EvaluationsPage />)} />
    <Route path="evaluations/new" element={g('evaluations', <CommissionPage />)} />
    <Route path="evaluations/:id" element={g('evaluations', <EvaluationPage />)} />
  </Fragment>
);
