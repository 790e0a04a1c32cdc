/**
 * One demand (/demands/:id) or technology catalogue entry (/technologies/:id) on the portal: field, technical
 * indicators, budget, cooperation mode, deadline with the days left (Beijing calendar), IP terms, publisher.
 * "我要响应" sends an anonymous visitor to sign in (and back here); a signed-in organisation writes its
 * proposal and attaches PDF/DOCX/PNG/JPEG files, with the 非涉密平台 notice at the upload point.
 *
 * Plain markup without antd (a light route, see PortalLayout): what a reader sees first loads no antd (issue 16).
 * The response form (opened with 我要响应) and the organisation's own response are antd's: they bring its
 * providers (AntdScope) with them when shown.
 */
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Demand } from '../../api/demands.ts';
import { useT } from '../../i18n/index.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { enumLabel, fmtDateTime } from '../../components/format.ts';
import { AntdScope } from '../../components/PortalLayout.tsx';
import {
  LightCard,
  LightDeadline,
  LightError,
  LightFact,
  LightHeader,
  LightSkeleton,
  LightTag,
} from '../../components/LightParts.tsx';
import { budgetText } from './budget.ts';

const ResponseForm = lazy(async () => ({ default: (await import('./responses/ResponseForm.tsx')).ResponseForm }));
const MyResponse = lazy(async () => ({ default: (await import('./responses/MyResponse.tsx')).MyResponse }));

export function DemandPage() {
  return <DemandDetail kind="demand" />;
}

export function TechnologyPage() {
  return <DemandDetail kind="technology" />;
}

function DemandDetail({ kind }: { kind: Demand['kind'] }) {
  const { id = '' } = useParams();
  const d = useQuery({ queryKey: ['demand', id], queryFn: () => api.get<Demand>(`/demands/${id}`) });
  if (d.error) return <LightError error={d.error} refetch={() => void d.refetch()} />;
  if (!d.data) {
    return <LightSkeleton />;
  }
  return <DemandView d={d.data} expectedKind={kind} />;
}

// antd's InfoCircleFilled, drawn here (importing it would share its chunk with antd's).
const INFO =
  'M512 64C264.6 64 64 264.6 64 512s200.6 448 448 448 448-200.6 448-448S759.4 64 512 64zm32 664c0 4.4-3.6 8-8 8h-48c-4.4 0-8-3.6-8-8V456c0-4.4 3.6-8 8-8h48c4.4 0 8 3.6 8 8v272zm-32-344a48.01 48.01 0 010-96 48.01 48.01 0 010 96z';

function DemandView({ d, expectedKind }: { d: Demand; expectedKind: Demand['kind'] }) {
  const t = useT();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState(params.get('respond') === '1');
  const isTech = d.kind === 'technology';
  const mine = me?.activeOrganisationId === d.organisation.id;
  const back = isTech ? '/demands?kind=technology' : '/demands';
  void expectedKind;

  useEffect(() => {
    if (params.get('respond') === '1' && !d.abilities.respond) setParams({}, { replace: true });
  }, [params, d.abilities.respond, setParams]);

  const respondArea = !me ? (
    d.status === 'published' && !d.expired ? (
      <Link
        className="rt-pbtn rt-pbtn-primary rt-pbtn-large"
        to={`/login?next=${encodeURIComponent(`/workspace/demands/respond/${d.id}`)}`}
        data-testid="demand-respond-login"
      >
        {isTech ? t('demands.interestLogin') : t('demands.respondLogin')}
      </Link>
    ) : null
  ) : d.abilities.respond ? (
    !open ? (
      <button
        type="button"
        className="rt-pbtn rt-pbtn-primary rt-pbtn-large"
        onClick={() => setOpen(true)}
        data-testid="demand-respond"
      >
        {isTech ? t('demands.interest') : t('demands.respond')}
      </button>
    ) : null
  ) : d.abilities.viewResponses || mine ? (
    <Link className="rt-pbtn" to={`/workspace/demands/${d.id}`} data-testid="demand-manage">
      {t('demands.manage')}
    </Link>
  ) : null;

  const fact = (label: string, value: ReactNode) => <LightFact label={label}>{value}</LightFact>;
  const notice =
    d.status === 'closed' ? t('demands.closedNotice') : d.expired && !isTech ? t('demands.expiredNotice') : null;

  return (
    <>
      <LightHeader
        title={d.title}
        docTitle={isTech ? t('demands.techDetail') : t('demands.detail')}
        subtitle={
          <span className="rt-ptags">
            <LightTag tone={isTech ? 'purple' : 'blue'}>{enumLabel('demands.kind', d.kind, d.kindLabel)}</LightTag>
            {d.fieldName ? <LightTag tone="grey">{`${d.fieldCode} ${d.fieldName}`}</LightTag> : null}
            <Link to={`/orgs/${d.organisation.id}`}>{d.organisation.name}</Link>
          </span>
        }
        extra={
          <>
            <Link className="rt-pbtn" to={back}>
              {t('common.back')}
            </Link>
            {respondArea}
          </>
        }
      />
      {notice ? (
        <div className="rt-pnotice is-info">
          <svg
            className="rt-pnotice-icon"
            viewBox="64 64 896 896"
            width="1em"
            height="1em"
            fill="currentColor"
            aria-hidden
          >
            <path d={INFO} />
          </svg>
          <div className="rt-pnotice-title">{notice}</div>
        </div>
      ) : null}
      <div className="rt-demand-cols">
        <div>
          <LightCard title={isTech ? t('demands.descriptionTech') : t('demands.description')} className="rt-pcard-gap">
            <p className="rt-pre" data-testid="demand-description">
              {d.description}
            </p>
          </LightCard>
          <LightCard title={t('demands.indicators')} className="rt-pcard-gap">
            <p className="rt-pre" data-testid="demand-indicators">
              {d.indicators || t('demands.none')}
            </p>
          </LightCard>
          {d.myResponseId || (open && d.abilities.respond) ? (
            <Suspense fallback={<LightSkeleton rows={3} />}>
              <AntdScope>
                {d.myResponseId ? <MyResponse responseId={d.myResponseId} /> : null}
                {open && d.abilities.respond ? <ResponseForm d={d} onCancel={() => setOpen(false)} /> : null}
              </AntdScope>
            </Suspense>
          ) : null}
        </div>
        <LightCard title={t('common.details')} className="rt-pcard-gap">
          <dl className="rt-facts rt-facts-one" data-testid="demand-facts">
            {fact(t('demands.publisher'), <Link to={`/orgs/${d.organisation.id}`}>{d.organisation.name}</Link>)}
            {fact(t('demands.field'), d.fieldName ? `${d.fieldCode} ${d.fieldName}` : d.fieldCode)}
            {fact(t('demands.cooperationMode'), enumLabel('demands.mode', d.cooperationMode, d.cooperationModeLabel))}
            {!isTech || d.budgetMinWan != null || d.budgetMaxWan != null
              ? fact(isTech ? t('demands.price') : t('demands.budget'), budgetText(t, d))
              : null}
            {fact(
              isTech ? t('demands.validUntil') : t('demands.deadline'),
              <>
                <LightDeadline deadline={d.deadline} expired={d.expired} testId="demand-deadline" />
                <div className="rt-text-secondary" style={{ fontSize: 12 }}>
                  {t('demands.deadlineHint')}
                </div>
              </>,
            )}
            {fact(t('demands.ipTerms'), d.ipTerms || t('demands.none'))}
            {d.themeDay
              ? fact(t('demands.themeDay'), <Link to={`/theme-days/${d.themeDay.id}`}>{d.themeDay.title}</Link>)
              : null}
            {fact(t('demands.publishedAt'), fmtDateTime(d.publishedAt))}
          </dl>
        </LightCard>
      </div>
    </>
  );
}
