/** Reviews of one plan: the owner assigns department reviewers; assigned scores are listed. */
import { Card } from 'antd';
import type { Plan, Programme } from '../../../api/types.ts';
import { useT } from '../../../i18n/index.tsx';

export function PlanReviewsCard({ plan }: { plan: Plan; programme: Programme }) {
  const t = useT();
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('plan.reviews')}</h2>} data-testid="plan-reviews">
      {plan.abilities.assignReviewers ? t('plan.reviews') : null}
    </Card>
  );
}
