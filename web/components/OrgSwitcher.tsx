/**
 * The organisation switcher of the workspace header (users with several memberships). antd's Select and its
 * virtual list load only for those users, not with every workspace shell (issue 16's JS budget); until then
 * WorkspaceLayout shows the active organisation in a box of the Select's size and look.
 */
import { App as AntApp, Select } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../i18n/index.tsx';
import { useSwitchOrganisation } from '../hooks/useMe.ts';

export function OrgSwitcher({
  options,
  value,
  isMobile,
}: {
  options: { value: string; label: string }[];
  value: string | null;
  isMobile: boolean;
}) {
  const t = useT();
  const navigate = useNavigate();
  const switchOrg = useSwitchOrganisation();
  const { message } = AntApp.useApp();
  return (
    <Select
      data-testid="org-switcher"
      aria-label={t('header.switchOrg')}
      value={value ?? undefined}
      loading={switchOrg.isPending}
      style={{ minWidth: isMobile ? 140 : 260, maxWidth: 360 }}
      popupMatchSelectWidth={false}
      options={options}
      onChange={(id: string) =>
        switchOrg.mutate(id, {
          onSuccess: (m) => {
            const name = m.memberships.find((x) => x.organisationId === id)?.organisationName ?? '';
            void message.success(t('header.switched', { name }));
            void navigate('/workspace');
          },
          onError: (e) => void message.error(e.message),
        })
      }
    />
  );
}
