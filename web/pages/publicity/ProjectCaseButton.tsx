/**
 * On a cooperation project's page: 「推荐为成功案例」 for those the server allows (a party, the host's staff or
 * NDRC; the project counted and without a case yet), or 「查看成功案例」 when the project has one the caller may
 * open. Asked of /api/projects/:id/success-case, only by people whose menu has 成功案例.
 */
import { LikeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { ProjectCaseView } from '../../api/publicity.ts';
import { useMe } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { casePath } from './shared.tsx';

export function ProjectCaseButton({ projectId }: { projectId: string }) {
  const t = useT();
  const { data: me } = useMe();
  const q = useQuery({
    queryKey: ['projects', 'success-case', projectId],
    queryFn: () => api.get<ProjectCaseView>(`/projects/${projectId}/success-case`),
    enabled: !!me?.nav.includes('cases'),
    retry: false,
  });
  const v = q.data;
  if (v?.case)
    return (
      <LinkButton icon={<LikeOutlined />} to={casePath(v.case.id)} data-testid="project-case-open">
        {t('publicity.cases.openFromProject')}
      </LinkButton>
    );
  if (v?.abilities.propose)
    return (
      <LinkButton
        icon={<LikeOutlined />}
        to={`/workspace/cases/new?project=${encodeURIComponent(projectId)}`}
        data-testid="project-case-propose"
      >
        {t('publicity.cases.propose')}
      </LinkButton>
    );
  return null;
}
