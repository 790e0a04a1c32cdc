/** The activity plan form's values and their conversion from and to the API body. */
import dayjs, { type Dayjs } from 'dayjs';
import type { ActivityPlan, ActivityPlanBody } from '../../../../api/types.ts';
import type { ProgrammeRules } from '../../../../../common/programme-rules.ts';

export const FIELD_NAMES = [
  'title',
  'agenda',
  'parts',
  'partnerBaseIds',
  'supportOrganisationIds',
  'venue',
  'headcountLimit',
  'onlineChannel',
  'epidemicMeasures',
  'emergencyPlan',
];

interface AgendaRow {
  date?: Dayjs;
  time?: string;
  item?: string;
  location?: string;
}

export interface FormValues {
  title: string;
  agenda: AgendaRow[];
  parts: Record<string, { on?: boolean; description?: string }>;
  partnerBaseIds: string[];
  supportOrganisationIds: string[];
  venue: string;
  headcountLimit: number | null;
  onlineChannel: string;
  epidemicMeasures: string;
  emergencyPlan: string;
}

export function toForm(p: ActivityPlan, rules: ProgrammeRules | undefined): FormValues {
  const parts: FormValues['parts'] = {};
  const keys = rules?.contentAreas.map((a) => a.key) ?? p.parts.map((x) => x.key);
  for (const k of keys) {
    const found = p.parts.find((x) => x.key === k);
    parts[k] = { on: !!found && found.description.trim() !== '', description: found?.description ?? '' };
  }
  return {
    title: p.title || p.expectedTitle,
    agenda: p.agenda.map((a) => ({ date: dayjs(a.date), time: a.time, item: a.item, location: a.location ?? '' })),
    parts,
    partnerBaseIds: p.partners.map((b) => b.id),
    supportOrganisationIds: p.supportOrganisations.map((o) => o.id),
    venue: p.venue,
    headcountLimit: p.headcountLimit,
    onlineChannel: p.onlineChannel,
    epidemicMeasures: p.epidemicMeasures,
    emergencyPlan: p.emergencyPlan,
  };
}

export function toBody(v: FormValues): ActivityPlanBody {
  return {
    title: v.title ?? '',
    agenda: (v.agenda ?? [])
      .filter((a) => a && (a.item || a.time || a.date))
      .map((a) => ({
        date: a.date ? a.date.format('YYYY-MM-DD') : '',
        time: a.time ?? '',
        item: a.item ?? '',
        location: a.location || undefined,
      })),
    parts: Object.entries(v.parts ?? {})
      .filter(([, x]) => x?.on)
      .map(([key, x]) => ({ key, description: x.description ?? '' })),
    partnerBaseIds: v.partnerBaseIds ?? [],
    supportOrganisationIds: v.supportOrganisationIds ?? [],
    venue: v.venue ?? '',
    headcountLimit: v.headcountLimit ?? null,
    onlineChannel: v.onlineChannel ?? '',
    epidemicMeasures: v.epidemicMeasures ?? '',
    emergencyPlan: v.emergencyPlan ?? '',
  };
}

/**
 * The form's values from an API body (a server-side draft, hooks/useServerDraft.ts) on top of the saved
 * plan's values: parts keep the programme's keys, agenda dates become dates again.
 */
export function fromBody(b: Partial<ActivityPlanBody>, base: FormValues): FormValues {
  const parts: FormValues['parts'] = {};
  for (const k of new Set([...Object.keys(base.parts), ...(b.parts ?? []).map((x) => x.key)])) {
    const found = b.parts?.find((x) => x.key === k);
    parts[k] = { on: !!found, description: found?.description ?? '' };
  }
  return {
    title: b.title ?? base.title,
    agenda: (b.agenda ?? []).map((a) => ({
      date: a.date ? dayjs(a.date) : undefined,
      time: a.time,
      item: a.item,
      location: a.location ?? '',
    })),
    parts,
    partnerBaseIds: b.partnerBaseIds ?? base.partnerBaseIds,
    supportOrganisationIds: b.supportOrganisationIds ?? base.supportOrganisationIds,
    venue: b.venue ?? base.venue,
    headcountLimit: b.headcountLimit ?? null,
    onlineChannel: b.onlineChannel ?? base.onlineChannel,
    epidemicMeasures: b.epidemicMeasures ?? base.epidemicMeasures,
    emergencyPlan: b.emergencyPlan ?? base.emergencyPlan,
  };
}
