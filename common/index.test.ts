import { describe, expect, it } from 'vitest';
import * as api from './index.ts';

describe('common/index', () => {
  it('re-exports the public API', () => {
    for (const name of [
      'countZishu',
      'zishuBreakdown',
      'checkUscc',
      'classifyEnterpriseSize',
      'industryName',
      'isIndustryDivision',
      'INDUSTRY_SECTIONS',
      'INDUSTRY_DIVISIONS',
      'regionName',
      'isRegionCode',
      'provinceOf',
      'regionTree',
      'shanghaiToUtc',
      'utcToShanghaiParts',
      'formatShanghai',
      'shanghaiToday',
      'endOfShanghaiDay',
      'addCalendarMonths',
      'activityPlanDueDate',
      'isPastDeadline',
      'daysBetween',
      'rangesOverlap',
      'isValidDate',
      'checkPassword',
      'DEFAULT_PASSWORD_POLICY',
      'ProgrammeRules',
      'defaultRules2020',
      'fillTitle',
      'checkPreliminaryPlan',
      'checkActivityPlanTitle',
      'weightedTotal',
    ]) {
      expect(api, name).toHaveProperty(name);
    }
  });
});
