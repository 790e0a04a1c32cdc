/**
 * Which content areas (417号 二、主题内容) a theme day's activity plan enables. An item of a content area
 * (a resource, demand, result, docking session…) may hang on a theme day only when that theme day's
 * activity plan enables the area; any eligible organisation may attach to any visible theme day (the host
 * invites outside firms to open resources on its day). Without a theme day the item stands on the
 * organisation's page.
 */
import type { Executor } from '../../db/index.ts';
import type { Actor } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { isOwner } from '../../lib/policy.ts';
import { getThemeDay, type ThemeDayRecord } from '../themedays/repository.ts';
import { getActivityPlanRow } from './repository.ts';
import { parseContent } from './service.ts';

export type ContentAreaKey = 'resource_sharing' | 'collaborative_rd' | 'joint_commercialisation' | 'deep_docking';

/**
 * The theme day an item is attached to: 404 when it does not exist or the caller may not see it (a draft
 * programme), 422 `content_area_not_enabled` when its activity plan does not enable `area`.
 */
export async function requireThemeDayArea(
  db: Executor,
  actor: Actor | null,
  themeDayId: string,
  area: ContentAreaKey,
): Promise<ThemeDayRecord> {
  const td = await getThemeDay(db, themeDayId);
  if (!td || (td.programme.status === 'draft' && !isOwner(actor))) {
    throw new AppError(404, 'not_found', '主题日不存在', [
      { field: 'themeDayId', code: 'not_found', message: '主题日不存在' },
    ]);
  }
  const plan = await getActivityPlanRow(db, td.id);
  const parts = plan ? parseContent(plan.content).parts : [];
  if (!parts.some((p) => p.key === area)) {
    const msg = '该主题日的活动方案未设置本内容板块，不能挂在该主题日下（可不选主题日，发布在本单位页面）';
    throw new AppError(422, 'content_area_not_enabled', msg, [
      { field: 'themeDayId', code: 'content_area_not_enabled', message: msg },
    ]);
  }
  return td;
}
