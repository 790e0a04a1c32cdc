/**
 * Routes of this area. `portalRoutes` mount under the public portal layout (paths relative to /),
 * `workspaceRoutes` under /workspace (wrap each element in `g(navItem, …)` so the menu guard applies).
 */
import { Fragment } from 'react';

export const portalRoutes = <Fragment />;

export const workspaceRoutes = <Fragment />;
