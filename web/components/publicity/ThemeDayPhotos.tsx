/**
 * A past theme day's photos on its public page (issue 16: what came out of it): the covers and images of its
 * published news and the photos of its published success cases, as a small gallery (enlarge on select), each with
 * a caption that links to where it comes from. Nothing at all when there are none.
 */
import { Card, Image } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import type { PublicPhotoList } from '../../../common/contracts/publicity.ts';
import { useT } from '../../i18n/index.tsx';

/** Thumbnails side by side: two on a phone, more as the page widens. */
const GRID: React.CSSProperties = {
  listStyle: 'none',
  margin: 0,
  padding: 0,
  display: 'grid',
  gap: 12,
  gridTemplateColumns: 'repeat(auto-fill, minmax(130px, 1fr))',
};

export function ThemeDayPhotos({ themeDayId }: { themeDayId: string }) {
  const t = useT();
  const q = useQuery({
    queryKey: ['public', 'theme-day', themeDayId, 'photos'],
    queryFn: () => api.get<PublicPhotoList>(`/public/theme-days/${themeDayId}/photos`),
  });
  const items = q.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Card
      title={<h2 className="rt-card-title">{t('publicity.photos.title')}</h2>}
      style={{ marginTop: 16 }}
      data-testid="theme-day-photos"
    >
      <p className="rt-text-secondary" style={{ marginTop: 0 }}>
        {t('publicity.photos.intro')}
      </p>
      <Image.PreviewGroup>
        <ul style={GRID}>
          {items.map((p) => (
            <li key={p.image.id}>
              <figure style={{ margin: 0 }}>
                <Image
                  src={p.image.url}
                  alt={t('publicity.photos.alt', { title: p.source.title })}
                  loading="lazy"
                  width="100%"
                  height={128}
                  style={{ objectFit: 'cover', borderRadius: 6 }}
                />
                <figcaption style={{ fontSize: 13, marginTop: 4, lineHeight: 1.4 }}>
                  <Link to={p.source.kind === 'news' ? `/news/${p.source.id}` : `/cases/${p.source.id}`}>
                    {t(p.source.kind === 'news' ? 'publicity.photos.fromNews' : 'publicity.photos.fromCase', {
                      title: p.source.title,
                    })}
                  </Link>
                </figcaption>
              </figure>
            </li>
          ))}
        </ul>
      </Image.PreviewGroup>
    </Card>
  );
}
