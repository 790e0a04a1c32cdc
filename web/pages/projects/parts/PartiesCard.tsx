/** The parties of a project: role, size class and kind at signing, confirmation (with decline reason) and consent to publish; my own consent can be changed. */
import { useState } from 'react';
import { App as AntApp, Button, Card, Checkbox, Flex, Modal, Space, Table, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { PARTY_ROLE_LABELS, type PartyView, type ProjectView } from '../../../api/projects.ts';
import { errorMessage } from '../../../components/errors.ts';
import { fmtDateTime } from '../../../components/format.ts';
import { ToneTag } from '../../../components/StatusTag.tsx';
import { useMe } from '../../../hooks/useMe.ts';
import { useT } from '../../../i18n/index.tsx';
import { ConfirmationTag, useSizeClass } from './shared.tsx';

export function PartiesCard({ project }: { project: ProjectView }) {
  const t = useT();
  const me = useMe();
  const sizeOf = useSizeClass();
  const myOrg = me.data?.activeOrganisationId;
  const mine = project.parties.find((p) => p.organisation.id === myOrg);
  return (
    <Card
      title={<h2 className="rt-card-title">{t('projects.parties')}</h2>}
      style={{ marginBottom: 16 }}
      extra={project.abilities.consent && mine ? <ConsentButton project={project} mine={mine} /> : null}
    >
      <Table<PartyView>
        rowKey={(p) => p.organisation.id}
        dataSource={project.parties}
        pagination={false}
        size="small"
        scroll={{ x: 720 }}
        data-testid="project-parties"
        columns={[
          {
            title: t('projects.party'),
            key: 'org',
            render: (_: unknown, p) => (
              <Space size={4} wrap>
                <Typography.Text strong>{p.organisation.name}</Typography.Text>
                {p.organisation.id === myOrg ? <ToneTag tone="purple">{t('projects.myOrg')}</ToneTag> : null}
              </Space>
            ),
          },
          { title: t('projects.form.partyRole'), key: 'role', render: (_: unknown, p) => PARTY_ROLE_LABELS[p.role] },
          {
            title: t('projects.sizeAtSigning'),
            key: 'size',
            render: (_: unknown, p) =>
              p.sizeClass || p.kind ? sizeOf(p) : <span className="rt-muted">{t('projects.sizeBeforeSigning')}</span>,
          },
          {
            title: t('projects.confirmation'),
            key: 'c',
            render: (_: unknown, p) => (
              <Flex vertical gap={2}>
                <span>
                  <ConfirmationTag party={p} />
                  {p.confirmedAt ? <span className="rt-muted">{fmtDateTime(p.confirmedAt)}</span> : null}
                </span>
                {p.declineReason ? (
                  <span data-testid="decline-reason-shown">
                    {t('projects.declineReason')}：{p.declineReason}
                  </span>
                ) : null}
              </Flex>
            ),
          },
          {
            title: t('projects.publish'),
            key: 'pub',
            render: (_: unknown, p) =>
              p.publishConsent
                ? p.amountsConsent
                  ? t('projects.publishWithAmounts')
                  : t('projects.publishNoAmounts')
                : t('projects.publishNo'),
          },
        ]}
      />
      <Typography.Paragraph className="rt-muted" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('projects.publishRule')}
      </Typography.Paragraph>
    </Card>
  );
}

function ConsentButton({ project, mine }: { project: ProjectView; mine: PartyView }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [publish, setPublish] = useState(mine.publishConsent);
  const [amounts, setAmounts] = useState(mine.amountsConsent);
  const save = useMutation({
    mutationFn: () =>
      api.post<ProjectView>(`/projects/${project.id}/consent`, {
        publishConsent: publish,
        amountsConsent: publish && amounts,
      }),
    onSuccess: (p) => {
      qc.setQueryData(['projects', 'one', p.id], p);
      setOpen(false);
      void message.success(t('common.saved'));
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <>
      <Button
        onClick={() => {
          setPublish(mine.publishConsent);
          setAmounts(mine.amountsConsent);
          setOpen(true);
        }}
        data-testid="consent-open"
      >
        {t('projects.consentEdit')}
      </Button>
      <Modal
        open={open}
        title={t('projects.consentEdit')}
        onCancel={() => setOpen(false)}
        onOk={() => save.mutate()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: save.isPending }}
      >
        <Flex vertical gap={12}>
          <Checkbox checked={publish} onChange={(e) => setPublish(e.target.checked)}>
            {t('projects.publishConsent')}
          </Checkbox>
          <Checkbox checked={publish && amounts} disabled={!publish} onChange={(e) => setAmounts(e.target.checked)}>
            {t('projects.amountsConsent')}
          </Checkbox>
          <Typography.Text className="rt-muted">{t('projects.publishRule')}</Typography.Text>
        </Flex>
      </Modal>
    </>
  );
}
