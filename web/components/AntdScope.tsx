/**
 * antd's providers (theme, locale, the App context for message/notification/modal) and dayjs's locale, loaded
 * with the first page that uses antd: the portal's shell and its light pages (the home page) render without
 * antd, so a reader on a phone does not download and run its CSS-in-JS runtime before the page is usable.
 */
import type { ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { antdLocaleOf, useI18n } from '../i18n/index.tsx';
import { theme } from '../theme.ts';

export function AntdScope({ children }: { children?: ReactNode }) {
  const { locale } = useI18n();
  dayjs.locale(locale === 'en-US' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={antdLocaleOf(locale) ?? zhCN} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
