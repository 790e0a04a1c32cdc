/** The header actions of a plan page: back to the list, the version history, 督促提醒 for the DRC/supervisor. */
import { Button } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import type { Plan } from '../../../../api/types.ts';
import { useT } from '../../../../i18n/index.tsx';
import { LinkButton } from '../../../../components/LinkButton.tsx';
import { RemindBaseButton } from '../../../../components/RemindBaseButton.tsx';

export function PlanHeaderExtra({ plan, onVersions }: { plan: Plan; onVersions: () => void }) {
  const t = useT();
  return (
    <>
      <LinkButton to={`/workspace/plans?programme=${plan.programmeId}`}>{t('common.back')}</LinkButton>
      {plan.abilities.viewVersions && plan.version > 0 ? (
        <Button icon={<HistoryOutlined />} onClick={onVersions} data-testid="plan-versions">
          {t('plan.versions')}
        </Button>
      ) : null}
      {plan.abilities.remind ? <RemindBaseButton base={plan.base} /> : null}
    </>
  );
}
