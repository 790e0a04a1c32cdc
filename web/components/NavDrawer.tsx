/**
 * The side menu in a drawer on phones: antd's Drawer loads when the menu is first opened, not with every
 * workspace shell (issue 16's JS budget).
 */
import type { ReactNode } from 'react';
import { Drawer } from 'antd';

export function NavDrawer({
  open,
  onClose,
  title,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
}) {
  return (
    <Drawer
      placement="left"
      open={open}
      onClose={onClose}
      size={240}
      closable={false}
      styles={{ body: { padding: 0, background: '#001529' }, header: { display: 'none' } }}
      title={title}
    >
      {children}
    </Drawer>
  );
}
