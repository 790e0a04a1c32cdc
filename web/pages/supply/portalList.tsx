/**
 * What the portal's resource and result pages share (light routes: no antd before a reader acts): the cards
 * below the filters (loading, error, the page of cards with its pager, or an empty list with 重置) and the
 * antd form a detail page opens, loaded with antd's providers only when a reader opens it (or points at it).
 */
import { Suspense, useState, type ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Page } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';
import type { TableState } from '../../hooks/useTableState.ts';
import { AntdScope } from '../../components/PortalLayout.tsx';
import { LightEmpty, LightError, LightPager, LightSkeleton } from '../../components/LightParts.tsx';

/** Cards a page on the portal lists offer (the first is useTableState's `pageSize` there). */
export const PORTAL_PAGE_SIZES = [12, 24, 48] as const;

interface CardItem {
  id: string;
  title: string;
  description: string;
  organisation: { name: string };
}

/**
 * A page of cards (title linking to `${path}/${id}`, tags, the organisation with `meta` after it, two lines of
 * the description, `footer`), the pager, or the empty state (with 重置 when filtered).
 */
export function PortalCards<T extends CardItem>({
  list,
  table,
  path,
  testId,
  cardTestId,
  empty,
  emptyFiltered,
  tags,
  meta,
  footer,
}: {
  list: UseQueryResult<Page<T>>;
  table: TableState;
  path: string;
  testId: string;
  cardTestId: string;
  empty: string;
  emptyFiltered: string;
  tags: (item: T) => ReactNode;
  meta: (item: T) => string;
  footer?: (item: T) => ReactNode;
}) {
  const t = useT();
  const filtered = Object.keys(table.filters).length > 0;
  if (list.isLoading) return <LightSkeleton />;
  if (list.error) return <LightError error={list.error} refetch={() => void list.refetch()} />;
  if (!list.data?.items.length) {
    return (
      <LightEmpty description={filtered ? emptyFiltered : empty}>
        {filtered ? (
          <button type="button" className="rt-lp-link" onClick={() => table.setFilters({})}>
            {t('common.reset')}
          </button>
        ) : null}
      </LightEmpty>
    );
  }
  return (
    <>
      <ul className="rt-lp-cards" data-testid={testId}>
        {list.data.items.map((r) => (
          <li key={r.id} className="rt-pcard">
            <h2 className="rt-card-title">
              <Link to={`${path}/${r.id}`} data-testid={`${cardTestId}-${r.id}`}>
                {r.title}
              </Link>
            </h2>
            {tags(r)}
            <div className="rt-text-secondary" style={{ marginTop: 6 }}>
              {r.organisation.name}
              {meta(r)}
            </div>
            <p className="rt-lp-clamp2">{r.description}</p>
            {footer?.(r)}
          </li>
        ))}
      </ul>
      <LightPager
        page={table.page}
        pageSize={table.pageSize}
        total={list.data.total}
        sizes={PORTAL_PAGE_SIZES}
        onSize={(pageSize) => table.onTableChange({ current: 1, pageSize }, {}, {})}
      />
    </>
  );
}

/**
 * The antd form of a detail page (申请使用, 申请参与转化): `trigger` goes on the button that opens it (loads the
 * form and antd's providers when pointed at or focused), `dialog(form)` renders it. antd's providers stay once
 * the form was opened: the message it shows on sending outlives the dialog.
 */
export function useLazyForm(preloadForm: () => unknown) {
  const [open, setOpen] = useState(false);
  const [asked, setAsked] = useState(false);
  const [sent, setSent] = useState(false);
  const preload = () => {
    void AntdScope.preload();
    void preloadForm();
  };
  return {
    open,
    sent,
    close: () => setOpen(false),
    done: () => setSent(true),
    trigger: {
      onPointerEnter: preload,
      onFocus: preload,
      onClick: () => {
        setAsked(true);
        setOpen(true);
      },
    },
    dialog: (form: ReactNode) =>
      asked ? (
        <Suspense fallback={null}>
          <AntdScope>{open ? form : null}</AntdScope>
        </Suspense>
      ) : null,
  };
}
