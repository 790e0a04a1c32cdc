/**
 * The filter row above a list: the page's filter fields, 查询 / 重置 and 导出. Values live in the URL
 * (useTableState), so the export takes exactly the filter shown.
 */
import { useEffect, useEffectEvent, type ReactNode } from 'react';
import { App as AntApp, Button, Card, Flex, Form } from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useT } from '../i18n/index.tsx';
import type { TableState } from '../hooks/useTableState.ts';
import { errorMessage } from './errors.ts';

/** A form value as a URL filter: the fields of a form without fromForm give strings, numbers or booleans. */
function filterValue(x: unknown): string | undefined {
  if (typeof x === 'string') return x === '' ? undefined : x;
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  return undefined;
}

export function FilterBar({
  table,
  children,
  onExport,
  toForm,
  fromForm,
  extra,
}: {
  table: TableState;
  children?: ReactNode;
  /** Exports the current filter; resolves with the number of rows. */
  onExport?: () => Promise<number>;
  /** URL filters → form values (e.g. dates → dayjs). */
  toForm?: (f: Record<string, string>) => Record<string, unknown>;
  /** Form values → URL filters. */
  fromForm?: (v: Record<string, unknown>) => Record<string, string | undefined>;
  extra?: ReactNode;
}) {
  const t = useT();
  const [form] = Form.useForm();
  const { message } = AntApp.useApp();
  const [exporting, setExporting] = useState(false);
  const filterKey = JSON.stringify(table.filters);

  // The form follows the URL's filters when their content changes (not on paging or sorting, nor when the
  // page passes a new toForm); an effect event reads the latest toForm and filters without depending on them.
  const fillForm = useEffectEvent(() => {
    form.resetFields();
    form.setFieldsValue(toForm ? toForm(table.filters) : table.filters);
  });
  useEffect(() => fillForm(), [filterKey]);

  const apply = (v: Record<string, unknown>) => {
    const out: Record<string, string | undefined> = fromForm
      ? fromForm(v)
      : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, filterValue(x)]));
    table.setFilters(out);
  };

  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Form form={form} layout="inline" onFinish={apply} className="rt-filter-form" aria-label={t('common.search')}>
        {children}
        <Flex gap={8} wrap style={{ marginInlineStart: 'auto' }}>
          {children ? (
            <>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="filter-search">
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  table.setFilters({});
                }}
                data-testid="filter-reset"
              >
                {t('common.reset')}
              </Button>
            </>
          ) : null}
          {onExport ? (
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              data-testid="list-export"
              onClick={() => {
                setExporting(true);
                onExport()
                  .then((n) => void message.success(t('common.exported', { n })))
                  .catch((e: unknown) => void message.error(errorMessage(e)))
                  .finally(() => setExporting(false));
              }}
            >
              {t('common.exportCsv')}
            </Button>
          ) : null}
          {extra}
        </Flex>
      </Form>
    </Card>
  );
}
