/**
 * List state in the URL (page, pageSize, sort, order and filters), so a filtered list can be shared,
 * reloaded and exported exactly as shown. Sorting and paging are done by the server.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import type { Query } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';

export interface TableState {
  page: number;
  pageSize: number;
  sort: string | undefined;
  order: 'asc' | 'desc' | undefined;
  filters: Record<string, string>;
  /** page/pageSize/sort/order plus the filters, ready for the API. */
  query: Query;
  setFilters: (f: Record<string, string | undefined>) => void;
  onTableChange: (p: TablePaginationConfig, _f: unknown, s: unknown) => void;
  sortOrderOf: (key: string) => 'ascend' | 'descend' | null;
  pagination: (total: number | undefined) => TablePaginationConfig;
}

const RESERVED = new Set(['page', 'pageSize', 'sort', 'order']);

export function useTableState(defaults: { pageSize?: number; sort?: string; order?: 'asc' | 'desc' } = {}): TableState {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(params.get('pageSize') ?? defaults.pageSize ?? 20) || 20));
  const sort = params.get('sort') ?? defaults.sort;
  const rawOrder = params.get('order') ?? defaults.order;
  const order = rawOrder === 'asc' || rawOrder === 'desc' ? rawOrder : undefined;
  const paramString = params.toString();
  const filters = useMemo(() => {
    const f: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(paramString)) if (!RESERVED.has(k) && v !== '') f[k] = v;
    return f;
  }, [paramString]);

  const query = useMemo<Query>(
    () => ({ ...filters, page, pageSize, sort, order }),
    [filters, page, pageSize, sort, order],
  );

  const setFilters = useCallback(
    (f: Record<string, string | undefined>) => {
      setParams((prev) => {
        const next = new URLSearchParams();
        for (const k of ['pageSize', 'sort', 'order']) {
          const v = prev.get(k);
          if (v) next.set(k, v);
        }
        for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') next.set(k, v);
        return next;
      });
    },
    [setParams],
  );

  const onTableChange = useCallback<TableState['onTableChange']>(
    (p, _f, s) => {
      const sorter = s as SorterResult<unknown> | SorterResult<unknown>[];
      const one = Array.isArray(sorter) ? sorter[0] : sorter;
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        next.set('page', String(p.current ?? 1));
        next.set('pageSize', String(p.pageSize ?? pageSize));
        const field = one?.columnKey ?? (one?.field as string | undefined);
        if (one?.order && field) {
          next.set('sort', String(field));
          next.set('order', one.order === 'ascend' ? 'asc' : 'desc');
        } else {
          next.delete('sort');
          next.delete('order');
        }
        return next;
      });
    },
    [setParams, pageSize],
  );

  const sortOrderOf = useCallback(
    (key: string) => (sort === key ? (order === 'asc' ? 'ascend' : order === 'desc' ? 'descend' : null) : null),
    [sort, order],
  );

  const pagination = useCallback(
    (total: number | undefined): TablePaginationConfig => ({
      current: page,
      pageSize,
      total: total ?? 0,
      showSizeChanger: true,
      pageSizeOptions: [10, 20, 50, 100],
      showTotal: (n) => t('common.total', { n }),
    }),
    [page, pageSize, t],
  );

  return { page, pageSize, sort, order, filters, query, setFilters, onTableChange, sortOrderOf, pagination };
}
