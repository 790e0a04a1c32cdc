/**
 * One cooperation project (/workspace/projects/:id): header with the stage; the handshake while it is a
 * candidate (confirm / decline with a reason, merge with another candidate); the record (type, areas, chain,
 * amounts, source); the parties with their confirmation and consent to publish; the stage timeline with
 * 推进阶段; the follow-ups per point and party; the evidence. Only the actions `abilities` allows are shown.
 */
import { useState } from 'react';
import { App as AntApp, Alert, Card, Descriptions, Flex, Modal, Select, Space, Typography, Button } from 'antd';
import { EditOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import {
  PROJECT_CHAIN_LABELS,
  PROJECT_TYPE_LABELS,
  SOURCE_TYPE_LABELS,
  type ProjectList,
  type ProjectView,
} from '../../api/projects.ts';
import { errorMessage } from '../../components/errors.ts';
import { fmtDate, fmtDateTime } from '../../components/format.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/index.tsx';
import { ProjectCaseButton } from '../publicity/ProjectCaseButton.tsx';
import { EvidenceCard } from './parts/EvidenceCard.tsx';
import { FollowUpsCard } from './parts/FollowUpsCard.tsx';
import { HandshakeActions } from './parts/Handshake.tsx';
import { PartiesCard } from './parts/PartiesCard.tsx';
import { StageCard } from './parts/StageCard.tsx';
import { StageTag, projectPath, useAreaName, useProject, useYuan } from './parts/shared.tsx';

export function ProjectPage() {
  const t = useT();
  const { id } = useParams();
  const q = useProject(id);
  const p = q.data;
  return (
    <>
      <PageHeader
        title={
          p ? (
            <Space wrap>
              {p.title}
              <StageTag stage={p.stage} declined={p.declined} />
            </Space>
          ) : (
            t('projects.title')
          )
        }
        docTitle={p?.title ?? t('projects.title')}
        subtitle={
          p ? (
            <span>
              {p.themeDay?.title ?? t('projects.noThemeDay')} · {PROJECT_TYPE_LABELS[p.type]}
            </span>
          ) : undefined
        }
        extra={
          p ? (
            <>
              <HandshakeActions project={p} />
              {p.abilities.merge ? <MergeButton project={p} /> : null}
              {p.abilities.edit ? (
                <LinkButton
                  icon={<EditOutlined />}
                  to={`/workspace/projects/new?edit=${p.id}`}
                  data-testid="project-edit"
                >
                  {t('common.edit')}
                </LinkButton>
              ) : null}
              <ProjectCaseButton projectId={p.id} />
            </>
          ) : undefined
        }
      />
      <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()}>
        {p ? <ProjectBody p={p} /> : null}
      </QueryState>
    </>
  );
}

function ProjectBody({ p }: { p: ProjectView }) {
  const t = useT();
  const yuan = useYuan();
  const areaName = useAreaName();
  return (
    <>
      {p.mergedIntoId ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('projects.mergedInto')}
          action={<Link to={projectPath(p.mergedIntoId)}>{t('projects.openSurvivor')}</Link>}
        />
      ) : p.stage === 'candidate' ? (
        <Alert
          type={p.declined ? 'error' : p.abilities.confirm ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="candidate-alert"
          title={
            p.declined
              ? t('projects.candidateDeclined')
              : p.abilities.confirm
                ? t('projects.candidateMyTurn')
                : t('projects.candidateWaiting')
          }
          description={t('projects.candidateRule')}
        />
      ) : null}
      <Card title={<h2 className="rt-card-title">{t('projects.record')}</h2>} style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2, lg: 3 }}
          size="small"
          data-testid="project-record"
          items={[
            { key: 'type', label: t('projects.type'), children: PROJECT_TYPE_LABELS[p.type] },
            {
              key: 'areas',
              label: t('projects.areas'),
              children: p.contentAreas.length ? p.contentAreas.map(areaName).join('、') : '—',
            },
            { key: 'chain', label: t('projects.chain'), children: p.chain ? PROJECT_CHAIN_LABELS[p.chain] : '—' },
            { key: 'intended', label: t('projects.intendedAmount'), children: yuan(p.intendedAmount) },
            { key: 'contracted', label: t('projects.contractedAmount'), children: yuan(p.contractedAmount) },
            { key: 'received', label: t('projects.receivedAmount'), children: yuan(p.receivedAmount) },
            {
              key: 'jobs',
              label: t('projects.jobs'),
              children: p.jobsCreated === null ? '—' : t('projects.personsN', { n: p.jobsCreated }),
            },
            {
              key: 'source',
              label: t('projects.source'),
              children: (
                <span data-testid="project-source">
                  {SOURCE_TYPE_LABELS[p.source.type]}
                  {p.source.type === 'meeting' ? (
                    <>
                      {' · '}
                      <Link to="/workspace/meetings" style={{ textDecoration: 'underline' }}>
                        {t('projects.sourceMeetings')}
                      </Link>
                    </>
                  ) : null}
                </span>
              ),
            },
            { key: 'created', label: t('projects.proposedAt'), children: fmtDateTime(p.createdAt) },
            ...(p.description
              ? [
                  {
                    key: 'desc',
                    label: t('projects.description'),
                    span: 'filled' as const,
                    children: (
                      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                        {p.description}
                      </Typography.Paragraph>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <PartiesCard project={p} />
      <StageCard project={p} />
      {p.stage !== 'candidate' && p.stage !== 'intent' ? (
        <FollowUpsCard project={p} />
      ) : (
        <Card title={<h2 className="rt-card-title">{t('projects.followUps')}</h2>} style={{ marginBottom: 16 }}>
          <Typography.Text className="rt-muted">{t('projects.followUpsAfterSigning')}</Typography.Text>
        </Card>
      )}
      <EvidenceCard project={p} />
      <Flex justify="flex-end">
        <Typography.Text className="rt-muted">
          {t('common.updatedAt')}：{fmtDateTime(p.updatedAt)}
          {p.dates.intentOn ? ` · ${t('projects.intentOnShort', { d: fmtDate(p.dates.intentOn) })}` : ''}
        </Typography.Text>
      </Flex>
    </>
  );
}

/** Merges another candidate describing the same cooperation into this one (same theme day, a common party). */
function MergeButton({ project: p }: { project: ProjectView }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [other, setOther] = useState<string>();
  const others = useQuery({
    queryKey: ['projects', 'list', 'merge-candidates', p.id],
    queryFn: () =>
      api.get<ProjectList>('/projects', {
        stage: 'candidate',
        themeDayId: p.themeDay?.id,
        pageSize: 200,
      }),
    enabled: open,
  });
  const partyIds = new Set(p.parties.map((x) => x.organisation.id));
  const options = (others.data?.items ?? [])
    .filter((x) => x.id !== p.id && !x.mergedIntoId && (x.themeDay?.id ?? null) === (p.themeDay?.id ?? null))
    .filter((x) => x.parties.some((y) => partyIds.has(y.organisation.id)))
    .map((x) => ({
      value: x.id,
      label: `${x.title}（${x.parties.map((y) => y.organisation.name).join('、')}）`,
    }));
  const merge = useMutation({
    mutationFn: () => api.post<ProjectView>(`/projects/${p.id}/merge`, { otherId: other }),
    onSuccess: async (x) => {
      qc.setQueryData(['projects', 'one', x.id], x);
      setOpen(false);
      setOther(undefined);
      void message.success(t('projects.merged'));
      await qc.invalidateQueries({ queryKey: ['projects', 'list'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <>
      <Button icon={<MergeCellsOutlined />} onClick={() => setOpen(true)} data-testid="merge-open">
        {t('projects.merge')}
      </Button>
      <Modal
        open={open}
        title={t('projects.merge')}
        onCancel={() => setOpen(false)}
        onOk={() => merge.mutate()}
        okText={t('projects.mergeOk')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !other, loading: merge.isPending }}
      >
        <Typography.Paragraph>{t('projects.mergeHelp')}</Typography.Paragraph>
        <Select
          style={{ width: '100%' }}
          aria-label={t('projects.mergeWith')}
          placeholder={t('projects.mergeWith')}
          loading={others.isLoading}
          value={other}
          onChange={setOther}
          options={options}
          notFoundContent={t('projects.mergeNone')}
        />
      </Modal>
    </>
  );
}
