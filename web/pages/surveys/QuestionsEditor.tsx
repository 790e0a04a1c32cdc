/**
 * Editing a list of questions: the host's own questions (appended after the core ones, keys `host_…` made
 * here) or, for NDRC, a new core version (keys typed, kept stable across versions so results compare).
 * Controlled state; server field errors (`<field>.<i>.<prop>`) are shown on the question they name.
 */
import { Button, Card, Flex, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  HOST_KEY_PREFIX,
  QUESTION_TYPES,
  QUESTION_TYPE_LABELS,
  type Question,
  type QuestionType,
} from '../../api/surveys.ts';
import { useT } from '../../i18n/index.tsx';

/** Field errors by path relative to the list: '' (the list), '2', '2.text', '2.options'… */
export type EditorErrors = Record<string, string[]>;

/** Server errors (`questions.2.text`) → editor errors ('2.text'), for the list field `field`. */
export function editorErrors(errors: { field: string; message: string }[], field: string): EditorErrors {
  const out: EditorErrors = {};
  for (const e of errors) {
    if (e.field !== field && !e.field.startsWith(`${field}.`)) continue;
    const rel = e.field === field ? '' : e.field.slice(field.length + 1);
    (out[rel] ??= []).push(e.message);
  }
  return out;
}

/** A fresh key not used in the list: host_q1, host_q2… (or q1… for a core version). */
function freshKey(qs: readonly Question[], prefix: string): string {
  for (let i = 1; ; i++) if (!qs.some((q) => q.key === `${prefix}q${i}`)) return `${prefix}q${i}`;
}

const freshOptionKey = (q: Question): string => {
  for (let i = 1; ; i++) if (!q.options?.some((o) => o.key === `o${i}`)) return `o${i}`;
};

/** Props changed to fit a new type (choice questions get two empty options; others lose theirs). */
function retype(q: Question, type: QuestionType): Question {
  const { options: _o, maxChoices: _m, maxLength: _l, ...rest } = q;
  const next: Question = { ...rest, type };
  if (type === 'single' || type === 'multiple')
    next.options = q.options ?? [
      { key: 'o1', label: '' },
      { key: 'o2', label: '' },
    ];
  if (type === 'text') next.maxLength = q.maxLength ?? 500;
  return next;
}

export function QuestionsEditor({
  value,
  onChange,
  errors,
  mode,
  startAt = 1,
  max,
  testId = 'questions-editor',
}: {
  value: Question[];
  onChange: (qs: Question[]) => void;
  errors: EditorErrors;
  mode: 'host' | 'core';
  /** Number of the first question as the respondent sees it (host questions follow the core). */
  startAt?: number;
  max: number;
  testId?: string;
}) {
  const t = useT();
  const put = (i: number, q: Question) => onChange(value.map((x, j) => (j === i ? q : x)));
  const move = (i: number, d: -1 | 1) => {
    const next = [...value];
    [next[i], next[i + d]] = [next[i + d]!, next[i]!];
    onChange(next);
  };
  const prefix = mode === 'host' ? HOST_KEY_PREFIX : '';
  const err = (path: string) => errors[path] ?? [];
  return (
    <div data-testid={testId}>
      {err('').map((m) => (
        <Typography.Paragraph key={m} type="danger" role="alert">
          {m}
        </Typography.Paragraph>
      ))}
      {value.map((q, i) => {
        const own = Object.entries(errors)
          .filter(([k]) => k === String(i) || k.startsWith(`${i}.`))
          .flatMap(([, v]) => v);
        const choice = q.type === 'single' || q.type === 'multiple';
        const id = `${testId}-${i}`;
        return (
          <Card
            key={i}
            size="small"
            style={{ marginBottom: 12, borderColor: own.length ? '#ff7875' : undefined }}
            title={t('surveys.editor.question', { n: startAt + i })}
            extra={
              <Space size={0}>
                <Button
                  type="text"
                  size="small"
                  icon={<ArrowUpOutlined />}
                  disabled={i === 0}
                  aria-label={t('surveys.editor.up')}
                  onClick={() => move(i, -1)}
                />
                <Button
                  type="text"
                  size="small"
                  icon={<ArrowDownOutlined />}
                  disabled={i === value.length - 1}
                  aria-label={t('surveys.editor.down')}
                  onClick={() => move(i, 1)}
                />
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('surveys.editor.remove')}
                  onClick={() => onChange(value.filter((_, j) => j !== i))}
                />
              </Space>
            }
          >
            <Flex gap={12} wrap style={{ marginBottom: 8 }}>
              <label style={{ flex: '0 0 180px' }}>
                <span className="rt-text-secondary">{t('surveys.editor.type')}</span>
                <Select
                  style={{ width: '100%' }}
                  value={q.type}
                  aria-label={t('surveys.editor.type')}
                  options={QUESTION_TYPES.map((k) => ({ value: k, label: QUESTION_TYPE_LABELS[k] }))}
                  onChange={(v: QuestionType) => put(i, retype(q, v))}
                  data-testid={`${id}-type`}
                />
              </label>
              {mode === 'core' ? (
                <label style={{ flex: '0 0 180px' }}>
                  <span className="rt-text-secondary">{t('surveys.editor.key')}</span>
                  <Input value={q.key} onChange={(e) => put(i, { ...q, key: e.target.value.trim() })} />
                </label>
              ) : null}
              <label style={{ display: 'flex', alignItems: 'flex-end', gap: 8, paddingBottom: 4 }}>
                <Switch
                  checked={q.required}
                  onChange={(v) => put(i, { ...q, required: v })}
                  aria-label={t('surveys.editor.required')}
                />
                <span>{t('surveys.editor.required')}</span>
              </label>
            </Flex>
            <label style={{ display: 'block', marginBottom: 8 }}>
              <span className="rt-text-secondary">{t('surveys.editor.text')}</span>
              <Input.TextArea
                value={q.text}
                maxLength={200}
                autoSize={{ minRows: 1, maxRows: 4 }}
                onChange={(e) => put(i, { ...q, text: e.target.value })}
                status={err(`${i}.text`).length ? 'error' : undefined}
                data-testid={`${id}-text`}
              />
            </label>
            <label style={{ display: 'block', marginBottom: 8 }}>
              <span className="rt-text-secondary">{t('surveys.editor.hint')}</span>
              <Input
                value={q.hint ?? ''}
                maxLength={200}
                onChange={(e) => {
                  const { hint: _h, ...rest } = q;
                  put(i, e.target.value ? { ...rest, hint: e.target.value } : rest);
                }}
              />
            </label>
            {choice ? (
              <div style={{ marginBottom: 8 }}>
                <span className="rt-text-secondary">{t('surveys.editor.options')}</span>
                {(q.options ?? []).map((o, k) => (
                  <Flex key={o.key} gap={8} style={{ marginTop: 6 }}>
                    <Input
                      value={o.label}
                      maxLength={60}
                      aria-label={t('surveys.editor.option', { n: k + 1 })}
                      placeholder={t('surveys.editor.option', { n: k + 1 })}
                      onChange={(e) =>
                        put(i, {
                          ...q,
                          options: q.options!.map((x, m) => (m === k ? { ...x, label: e.target.value } : x)),
                        })
                      }
                      data-testid={`${id}-option-${k}`}
                    />
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('surveys.editor.removeOption', { n: k + 1 })}
                      disabled={(q.options ?? []).length <= 2}
                      onClick={() => put(i, { ...q, options: q.options!.filter((_, m) => m !== k) })}
                    />
                  </Flex>
                ))}
                <Button
                  size="small"
                  type="dashed"
                  icon={<PlusOutlined />}
                  style={{ marginTop: 6 }}
                  disabled={(q.options ?? []).length >= 12}
                  onClick={() =>
                    put(i, { ...q, options: [...(q.options ?? []), { key: freshOptionKey(q), label: '' }] })
                  }
                >
                  {t('surveys.editor.addOption')}
                </Button>
              </div>
            ) : null}
            {q.type === 'multiple' ? (
              <label style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <span className="rt-text-secondary">{t('surveys.editor.maxChoices')}</span>
                <InputNumber
                  min={1}
                  max={12}
                  value={q.maxChoices ?? null}
                  onChange={(v) => {
                    const { maxChoices: _m, ...rest } = q;
                    put(i, typeof v === 'number' ? { ...rest, maxChoices: v } : rest);
                  }}
                />
              </label>
            ) : null}
            {q.type === 'text' ? (
              <label style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <span className="rt-text-secondary">{t('surveys.editor.maxLength')}</span>
                <InputNumber
                  min={1}
                  max={2000}
                  value={q.maxLength ?? null}
                  onChange={(v) => {
                    const { maxLength: _m, ...rest } = q;
                    put(i, typeof v === 'number' ? { ...rest, maxLength: v } : rest);
                  }}
                />
              </label>
            ) : null}
            {own.map((m) => (
              <Typography.Paragraph key={m} type="danger" role="alert" style={{ margin: '8px 0 0' }}>
                {m}
              </Typography.Paragraph>
            ))}
          </Card>
        );
      })}
      <Button
        icon={<PlusOutlined />}
        type="dashed"
        block
        disabled={value.length >= max}
        data-testid={`${testId}-add`}
        onClick={() =>
          onChange([...value, { key: freshKey(value, prefix), type: 'rating', text: '', required: false }])
        }
      >
        {mode === 'host' ? t('surveys.editor.addHost') : t('surveys.editor.add')}
      </Button>
    </div>
  );
}
