/**
 * Pieces of the portal's resource and result pages without antd (light routes, see PortalLayout):
 * tags, quota text and paragraphs. supply/shared.tsx re-exports the ones the workspace pages use too.
 */
import type { Resource, Result } from '../../api/supply.ts';
import { INDUSTRY_DIVISIONS } from '../../../common/industry.ts';
import { LightTag } from '../../components/LightParts.tsx';
import { useT, type MessageKey } from '../../i18n/index.tsx';

/** Options of GB/T 4754 divisions ('C39 计算机、通信和其他电子设备制造业'). */
export const FIELD_OPTIONS = INDUSTRY_DIVISIONS.map((d) => ({
  value: `${d.section}${d.code}`,
  label: `${d.section}${d.code} ${d.name}`,
}));

/** Keeps paragraphs of a long text (descriptions, charters) readable. */
export function Paragraphs({ text }: { text: string | null | undefined }) {
  if (!text) return <>—</>;
  return (
    <>
      {text.split(/\n+/).map((p, i) => (
        <p key={i} style={{ margin: '0 0 8px' }}>
          {p}
        </p>
      ))}
    </>
  );
}

/** Quota in words: "每月 3 个名额" / "不限名额". */
export function useQuotaText() {
  const t = useT();
  return (r: Pick<Resource, 'quota' | 'quotaPeriod'>) =>
    r.quota == null
      ? t('supply.resource.noQuota')
      : t('supply.resource.quotaText', { period: t(`supply.quotaPeriod.${r.quotaPeriod}` as MessageKey), n: r.quota });
}

/** A resource's type, price model and whether it is for graduates' teams, as tags. */
export function ResourceLightTags({ r }: { r: Pick<Resource, 'type' | 'priceModel' | 'graduateTeams'> }) {
  const t = useT();
  return (
    <span className="rt-lp-tags">
      <LightTag tone="blue">{t(`supply.resourceType.${r.type}` as MessageKey)}</LightTag>
      <LightTag tone={r.priceModel === 'free' ? 'green' : r.priceModel === 'paid' ? 'orange' : 'purple'}>
        {t(`supply.priceModel.${r.priceModel}` as MessageKey)}
      </LightTag>
      {r.graduateTeams ? <LightTag tone="purple">{t('supply.resource.graduateTeams')}</LightTag> : null}
    </span>
  );
}

/** A result's transfer mode, TRL and field as tags. */
export function ResultLightTags({ r }: { r: Pick<Result, 'transferMode' | 'trl' | 'fieldCode' | 'fieldName'> }) {
  const t = useT();
  return (
    <span className="rt-lp-tags">
      <LightTag tone="blue">{t(`supply.transferMode.${r.transferMode}` as MessageKey)}</LightTag>
      <LightTag tone="purple">TRL {r.trl}</LightTag>
      <LightTag tone="grey">{r.fieldName ? `${r.fieldCode} ${r.fieldName}` : r.fieldCode}</LightTag>
    </span>
  );
}
