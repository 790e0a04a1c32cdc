/**
 * The live check of a preliminary plan: runs the SAME checkPreliminaryPlan the server runs on every
 * keystroke and shows 字数 against the accepted range, areas covered against the minimum, each missing
 * field and the deadline countdown.
 */
import { Alert, Card, Flex, Progress, Typography } from 'antd';
import { CheckCircleFilled, ClockCircleOutlined, CloseCircleFilled } from '@ant-design/icons';
import type { PreliminaryPlanCheck, ProgrammeRules } from '../../common/programme-rules.ts';
import { planLengthRange } from '../../common/programme-rules.ts';
import { formatShanghai } from '../../common/time.ts';
import { useT } from '../i18n/index.tsx';

function countdown(deadline: Date, now: Date): { past: boolean; days: number; hours: number; minutes: number } {
  const ms = deadline.getTime() - now.getTime();
  const past = ms < 0;
  const abs = Math.abs(ms);
  return {
    past,
    days: Math.floor(abs / 86_400_000),
    hours: Math.floor((abs % 86_400_000) / 3_600_000),
    minutes: Math.floor((abs % 3_600_000) / 60_000),
  };
}

export function LiveCheckPanel({
  rules,
  check,
  deadline,
  now,
}: {
  rules: ProgrammeRules;
  check: PreliminaryPlanCheck;
  deadline: Date;
  now: Date;
}) {
  const t = useT();
  const range = planLengthRange(rules);
  const z = check.zishu;
  const inRange = z >= range.min && z <= range.max;
  const lengthStatus = z === 0 ? 'normal' : inRange ? 'success' : 'exception';
  const percent = Math.min(100, Math.round((z / range.max) * 100));
  const areasOk = check.areasCovered >= rules.minContentAreas;
  const cd = countdown(deadline, now);
  // The ~800字 target counts the fields the rules name (issue 12 §4): the whole plan unless only the body.
  const bodyOnly = rules.zishuFields.length === 1 && rules.zishuFields[0] === 'body';
  const zishuLabel = bodyOnly ? t('plan.zishu') : t('supervision.zishuWhole');

  return (
    <Card
      className="rt-sticky"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('plan.liveCheck')}</h2>}
      data-testid="live-check"
      size="small"
    >
      <div aria-live="polite">
        <Flex
          align="center"
          gap={8}
          style={{ marginBottom: 12 }}
          data-testid="live-status"
          data-ok={check.ok ? 'true' : 'false'}
        >
          {check.ok ? (
            <CheckCircleFilled className="rt-ok" aria-hidden />
          ) : (
            <CloseCircleFilled className="rt-bad" aria-hidden />
          )}
          <strong className={check.ok ? 'rt-ok' : 'rt-bad'}>
            {check.ok ? t('plan.checkOk') : t('plan.checkIssues', { n: check.issues.length })}
          </strong>
        </Flex>

        <div
          style={{ marginBottom: 12 }}
          data-testid="live-zishu"
          data-zishu={z}
          data-min={range.min}
          data-max={range.max}
        >
          <Typography.Text strong>{zishuLabel}</Typography.Text>
          <Progress
            percent={percent}
            status={lengthStatus}
            showInfo={false}
            aria-label={zishuLabel}
            strokeColor={lengthStatus === 'success' ? '#237804' : lengthStatus === 'exception' ? '#cf1322' : '#0958d9'}
          />
          <div className={inRange ? 'rt-ok' : z === 0 ? 'rt-muted' : 'rt-bad'}>
            {t('plan.zishuNow', { n: z, target: rules.planLengthTarget, min: range.min, max: range.max })}
          </div>
        </div>

        <div
          style={{ marginBottom: 12 }}
          data-testid="live-areas"
          data-covered={check.areasCovered}
          data-min={rules.minContentAreas}
        >
          <Typography.Text strong>{t('plan.areasCovered')}</Typography.Text>
          <br />
          <Progress
            percent={Math.round((check.areasCovered / rules.contentAreas.length) * 100)}
            steps={rules.contentAreas.length}
            showInfo={false}
            aria-label={t('plan.areasCovered')}
            strokeColor={areasOk ? '#237804' : '#ad4e00'}
          />
          <div className={areasOk ? 'rt-ok' : 'rt-bad'}>
            {t('plan.areasNow', {
              n: check.areasCovered,
              min: rules.minContentAreas,
              total: rules.contentAreas.length,
            })}
          </div>
        </div>

        <div style={{ marginBottom: 12 }} data-testid="live-deadline" data-past={cd.past ? 'true' : 'false'}>
          <Typography.Text strong>
            <ClockCircleOutlined aria-hidden /> {t('plan.deadline')}
          </Typography.Text>
          <div>
            {formatShanghai(deadline)}（{t('common.beijingTime')}）
          </div>
          <div className={cd.past ? 'rt-bad' : cd.days < 7 ? 'rt-warn' : 'rt-muted'}>
            {cd.past ? t('plan.deadlinePassed') : t('plan.countdown', { d: cd.days, h: cd.hours, m: cd.minutes })}
          </div>
        </div>

        {check.issues.length > 0 ? (
          <Alert
            type="error"
            title={t('plan.toFix')}
            description={
              <ul className="rt-issue-list" data-testid="live-issues">
                {check.issues.map((i, n) => (
                  <li key={`${i.code}-${n}`} data-code={i.code} data-field={i.field ?? ''}>
                    {i.message}
                  </li>
                ))}
              </ul>
            }
          />
        ) : (
          <Alert type="success" showIcon title={t('plan.readyToSubmit')} />
        )}
      </div>
    </Card>
  );
}
