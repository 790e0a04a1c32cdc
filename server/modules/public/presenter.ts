/**
 * The portal's views. Only what a press release would say: a theme day's agenda and content parts appear
 * once NDRC has approved its activity plan, and nothing else of the plan (head-counts, emergency plans,
 * support organisations, reviewer matters) is ever shown.
 */
import { provinceOf, regionName } from '../../../common/region.ts';
import { ProgrammeRules, planDeadlineInstant } from '../../../common/programme-rules.ts';
import type {
  PublicHost,
  PublicProgramme,
  PublicStats,
  PublicThemeDay,
  PublicThemeDayDetail,
} from '../../../common/contracts/public.ts';
import { json } from '../../db/index.ts';
import type { BaseRef, ThemeDayRecord } from '../themedays/repository.ts';
import { parseContent } from '../activity-plans/service.ts';
import type { PublishedProgrammeRow, ThemeDaySpanRow } from './repository.ts';

/** The call's plan deadline as an instant (rules are data; a malformed record shows no deadline rather than failing the portal). */
function deadlineOf(rulesJson: string): string | null {
  const r = ProgrammeRules.safeParse(json.parse<unknown>(rulesJson, null));
  return r.success ? planDeadlineInstant(r.data).toISOString() : null;
}

export function presentProgramme(r: PublishedProgrammeRow): PublicProgramme {
  return { id: r.id, year: Number(r.year), name: r.name, status: r.status, planDeadlineAt: deadlineOf(r.rules) };
}

function presentHost(b: BaseRef): PublicHost {
  return {
    id: b.id,
    name: b.name,
    shortName: b.shortName,
    regionCode: b.regionCode,
    regionName: regionName(b.regionCode) ?? null,
    provinceName: provinceOf(b.regionCode)?.name ?? null,
  };
}

export function presentPublicThemeDay(td: ThemeDayRecord, partners: Map<string, BaseRef>): PublicThemeDay {
  return {
    id: td.id,
    year: td.programme.year,
    title: td.title,
    theme: td.theme,
    startDate: td.startDate,
    endDate: td.endDate,
    host: presentHost(td.host),
    partners: td.partnerBaseIds
      .map((id) => partners.get(id))
      .filter((b) => b !== undefined)
      .map((b) => ({ id: b.id, name: b.name, shortName: b.shortName })),
  };
}

/** The theme day's page: agenda and the described content parts once the activity plan is approved. */
export function presentThemeDayDetail(
  td: ThemeDayRecord,
  partners: Map<string, BaseRef>,
  approvedContent: string | undefined,
): PublicThemeDayDetail {
  const content = approvedContent !== undefined ? parseContent(approvedContent) : null;
  const areaNames = new Map(td.programme.rules.contentAreas.map((a) => [a.key, a.name]));
  return {
    ...presentPublicThemeDay(td, partners),
    planPublished: !!content,
    agenda: (content?.agenda ?? []).map((a) => ({
      date: a.date,
      time: a.time,
      item: a.item,
      location: a.location ?? null,
    })),
    parts: (content?.parts ?? [])
      .filter((p) => p.description.trim() !== '')
      .map((p) => ({ key: p.key, name: areaNames.get(p.key) ?? p.key, description: p.description })),
  };
}

/** The home-page counters for the year of `today` (Shanghai calendar date). */
export function presentStats(
  today: string,
  counts: { bases: number; enterpriseBases: number },
  themeDays: ThemeDaySpanRow[],
): PublicStats {
  const year = Number(today.slice(0, 4));
  const thisYear = themeDays.filter((t) => Number(t.year) === year);
  const taking = new Set<string>();
  for (const t of thisYear) {
    taking.add(t.base_id);
    for (const id of json.parse<string[]>(t.partner_base_ids, [])) taking.add(id);
  }
  return {
    year,
    bases: counts.bases,
    enterpriseBases: counts.enterpriseBases,
    themeDaysThisYear: thisYear.length,
    upcomingThemeDays: themeDays.filter((t) => t.end_date >= today).length,
    basesTakingPartThisYear: taking.size,
    themeDaysTotal: themeDays.length,
  };
}
