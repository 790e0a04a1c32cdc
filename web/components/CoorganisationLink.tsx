/**
 * 「协办与委托」 on a theme day's pages (issue 12 §3): shown only when the caller may open the theme day's
 * co-organisation page (the host, NDRC, a co-organiser or delegate) — the server answers 404 for everyone else,
 * and then there is no link.
 */
import { TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { CoorganisationView } from '../api/coorganisers.ts';
import { useT } from '../i18n/index.tsx';
import { LinkButton } from './LinkButton.tsx';

export function CoorganisationLink({ themeDayId }: { themeDayId: string }) {
  const t = useT();
  const q = useQuery({
    queryKey: ['coorganisation', themeDayId],
    queryFn: () => api.get<CoorganisationView>(`/theme-days/${themeDayId}/coorganisation`),
    retry: false,
  });
  if (!q.data) return null;
  return (
    <LinkButton to={`/workspace/coorganisation/${themeDayId}`} icon={<TeamOutlined />} data-testid="coorg-link">
      {t('coorg.link')}
    </LinkButton>
  );
}
