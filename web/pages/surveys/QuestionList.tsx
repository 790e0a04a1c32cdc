/** A read-only list of questions: number, text, type, required, options (the core instrument, a survey's). */
import { Table, Tag } from 'antd';
import { QUESTION_TYPE_LABELS, type Question } from '../../api/surveys.ts';
import { useT } from '../../i18n/index.tsx';

export function QuestionList({ questions, startAt = 1 }: { questions: Question[]; startAt?: number }) {
  const t = useT();
  return (
    <Table<Question>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={questions}
      scroll={{ x: 720 }}
      columns={[
        { title: t('surveys.col.no'), key: 'no', width: 56, render: (_: unknown, _r, i) => startAt + i },
        {
          title: t('surveys.col.question'),
          key: 'text',
          render: (_: unknown, q) => (
            <>
              {q.text}
              {q.required ? <Tag style={{ marginInlineStart: 6 }}>{t('surveys.editor.required')}</Tag> : null}
              {q.hint ? (
                <div className="rt-text-secondary" style={{ fontSize: 12 }}>
                  {q.hint}
                </div>
              ) : null}
              {q.options ? (
                <div className="rt-text-secondary" style={{ fontSize: 12 }}>
                  {q.options.map((o) => o.label).join(' / ')}
                </div>
              ) : null}
            </>
          ),
        },
        {
          title: t('surveys.col.type'),
          key: 'type',
          width: 160,
          render: (_: unknown, q) => QUESTION_TYPE_LABELS[q.type],
        },
        { title: t('surveys.col.key'), key: 'key', width: 160, render: (_: unknown, q) => <code>{q.key}</code> },
      ]}
    />
  );
}
