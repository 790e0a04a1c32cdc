/**
 * Routes of registering or joining an organisation, its verification and join requests (issue 12 §1). The
 * onboarding page is open to every signed-in person (it shows where they stand once they belong somewhere);
 * the queue and the requests follow the server's menu.
 */
import { Fragment } from 'react';
import { Route } from 'react-router';
import { g, page } from '../../routing.tsx';

const OnboardingPage = page(() => import('./OnboardingPage.tsx'), 'OnboardingPage');
const VerificationQueuePage = page(() => import('./VerificationQueuePage.tsx'), 'VerificationQueuePage');
const JoinRequestsPage = page(() => import('./JoinRequestsPage.tsx'), 'JoinRequestsPage');

export const workspaceRoutes = (
  <Fragment>
    <Route path="onboarding" element={<OnboardingPage />} />
    <Route path="org-verification" element={g('orgVerification', <VerificationQueuePage />)} />
    <Route path="join-requests" element={g('joinRequests', <JoinRequestsPage />)} />
  </Fragment>
);
