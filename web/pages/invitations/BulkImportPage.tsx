/**
 * 「批量导入」 for administrators (issue 12 §1): organisations, then people, each from its .xlsx template, all or
 * nothing with the errors of every row. The server decides who may import what (organisations: the register's
 * keepers; people: the system administrator).
 */
import { Card, Col, Row } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useMe } from '../../hooks/useMe.ts';
import type { AdminImportResult } from '../../api/invitations.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { ImportPanel } from './ImportPanel.tsx';

export function BulkImportPage() {
  const t = useT();
  const qc = useQueryClient();
  // NDRC keeps the register (organisations); people are the system administrator's (the server refuses others).
  const people = useMe().data?.nav.includes('users') ?? false;
  const done = (key: string) => (r: AdminImportResult) => {
    void qc.invalidateQueries({ queryKey: [key] });
    return t('import.ok', { n: r.created });
  };
  return (
    <>
      <PageHeader title={t('import.title')} subtitle={t(people ? 'import.subtitle' : 'import.subtitleOrgs')} />
      <Row gutter={[16, 16]}>
        {(
          [
            ['organisations', 'import.orgs', 'import.orgs.hint', '机构导入模板.xlsx'],
            ['people', 'import.people', 'import.people.hint', '人员导入模板.xlsx'],
          ] as const
        )
          .filter(([what]) => what !== 'people' || people)
          .map(([what, title, hint, file]) => (
            <Col xs={24} xl={12} key={what}>
              <Card title={<h2 className="rt-card-title">{t(title)}</h2>} style={{ height: '100%' }}>
                <ImportPanel<AdminImportResult>
                  testId={`import-${what}`}
                  step1={t(hint)}
                  step2={t('import.step2')}
                  templatePath={`/admin/import/${what}/template.xlsx`}
                  templateName={file}
                  templateLabel={t('import.template')}
                  uploadPath={`/admin/import/${what}`}
                  uploadLabel={t('import.upload')}
                  onDone={done(what === 'people' ? 'users' : 'organisations')}
                />
              </Card>
            </Col>
          ))}
      </Row>
    </>
  );
}
