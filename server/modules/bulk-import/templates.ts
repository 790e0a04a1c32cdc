/** The .xlsx templates of the imports: Chinese headers and one example row each. */
import {
  INVITATION_TEMPLATE_HEADERS,
  ORGANISATION_IMPORT_HEADERS,
  PEOPLE_IMPORT_HEADERS,
} from '../../../common/contracts/invitations.ts';
import { toXlsx } from '../../lib/xlsx.ts';

export const invitationTemplate = () =>
  toXlsx(
    '邀请名单',
    [...INVITATION_TEMPLATE_HEADERS],
    [
      ['zhangsan@example.com', '张三'],
      ['13800138000', '李四'],
    ],
  );

export const organisationTemplate = () =>
  toXlsx(
    '机构导入',
    [...ORGANISATION_IMPORT_HEADERS],
    [['示例科技有限公司', '91110108202012181H', '企业', '110108', 'C39', '120', '5000', '8000']],
  );

export const peopleTemplate = () =>
  toXlsx(
    '人员导入',
    [...PEOPLE_IMPORT_HEADERS],
    [['王五', 'wangwu@example.com', '13900139000', '91110108202012181H', '企业/机构成员']],
  );
