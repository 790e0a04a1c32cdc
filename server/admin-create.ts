/**
 * `npm run admin:create` — creates the first programme owner of a production installation, where
 * nothing is seeded (NODE_ENV=production). It migrates the database, creates the organisation
 * 国家发展改革委高技术司 (a government body, 指导部门 code NDRC) unless it exists, and a user holding
 * programme_owner and system_admin in it. The password must pass the password policy. It refuses to
 * touch an existing account (same e-mail or mobile), so running it twice cannot take over a user.
 *
 *   npm run admin:create -- --name 张三 --email zhangsan@ndrc.gov.cn --mobile 13800000000 \
 *     --password '…' [--org-name 国家发展改革委高技术司] [--uscc 11100000000000000X]
 *
 * Every flag may come from the environment instead: ADMIN_NAME, ADMIN_EMAIL, ADMIN_MOBILE,
 * ADMIN_PASSWORD, ADMIN_ORG_NAME, ADMIN_USCC. Exits 0 on success, 1 on any failure with a message in
 * Chinese and English.
 */
import { parseArgs } from 'node:util';
import { checkUscc } from '../common/uscc.ts';
import { loadConfig } from './config.ts';
import { isUniqueViolation, openDatabase, type Database } from './db/index.ts';
import { migrateToLatest } from './db/migrate.ts';
import { audit } from './lib/audit.ts';
import { AppError } from './lib/errors.ts';
import { newId, nowIso } from './lib/ids.ts';
import { hashPassword } from './lib/passwords.ts';
import { passwordPolicy } from './modules/auth/service.ts';
import { checkIdentifiers, enforcePassword } from './modules/users/service.ts';

export const DEFAULT_ORG_NAME = '国家发展改革委高技术司';

/** A failure the operator can act on, in both languages. */
class Failure extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

function fail(zh: string, en: string): never {
  throw new Failure(zh, en);
}

function readInput() {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      email: { type: 'string' },
      mobile: { type: 'string' },
      password: { type: 'string' },
      'org-name': { type: 'string' },
      uscc: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const env = process.env;
  const pick = (flag: string | undefined, name: string) => {
    const v = flag ?? env[name];
    return v === undefined || v.trim() === '' ? undefined : v;
  };
  return {
    name: pick(values.name, 'ADMIN_NAME')?.trim(),
    email: pick(values.email, 'ADMIN_EMAIL'),
    mobile: pick(values.mobile, 'ADMIN_MOBILE'),
    password: pick(values.password, 'ADMIN_PASSWORD'),
    orgName: pick(values['org-name'], 'ADMIN_ORG_NAME')?.trim() ?? DEFAULT_ORG_NAME,
    uscc: pick(values.uscc, 'ADMIN_USCC'),
  };
}

async function run(): Promise<string> {
  let input: ReturnType<typeof readInput>;
  try {
    input = readInput();
  } catch (err) {
    fail(`参数错误：${(err as Error).message}`, `Bad arguments: ${(err as Error).message}`);
  }
  if (!input.name) fail('请提供姓名（--name 或 ADMIN_NAME）', 'A name is required (--name or ADMIN_NAME)');
  if (!input.password)
    fail('请提供初始密码（--password 或 ADMIN_PASSWORD）', 'A password is required (--password or ADMIN_PASSWORD)');
  const config = (() => {
    try {
      return loadConfig();
    } catch (err) {
      return fail(`配置错误：${(err as Error).message}`, `Invalid configuration: ${(err as Error).message}`);
    }
  })();
  let ids: { email: string | null; mobile: string | null };
  try {
    ids = checkIdentifiers(input.email, input.mobile);
    enforcePassword(input.password, passwordPolicy(config), [ids.email, ids.mobile, input.name]);
  } catch (err) {
    if (err instanceof AppError && err.code === 'weak_password') {
      fail(
        `密码不符合安全要求：${err.detail ?? ''}`,
        'The password does not meet the password policy (length, character classes, not common, no own e-mail or mobile)',
      );
    }
    if (err instanceof AppError) {
      fail(
        `输入有误：${err.detail ?? err.code}`,
        'Invalid e-mail or mobile number (at least one is required; mobile must be a mainland number)',
      );
    }
    throw err;
  }

  const database: Database = openDatabase({ url: config.DATABASE_URL, sqlitePath: config.SQLITE_PATH, poolSize: 2 });
  try {
    try {
      await migrateToLatest(database.db);
    } catch (err) {
      fail(`数据库迁移失败：${(err as Error).message}`, `Database migration failed: ${(err as Error).message}`);
    }
    const db = database.db;
    const now = new Date();
    const hash = await hashPassword(input.password);
    const { name, orgName } = input;

    try {
      return await db.transaction().execute(async (trx) => {
        for (const field of ['email', 'mobile'] as const) {
          const v = ids[field];
          if (v && (await trx.selectFrom('users').select('id').where(field, '=', v).executeTakeFirst())) {
            fail(
              `${field === 'email' ? '邮箱' : '手机号'} ${v} 已被现有用户使用，未做任何修改`,
              `A user with this ${field === 'email' ? 'e-mail' : 'mobile number'} already exists; nothing was changed`,
            );
          }
        }
        const usccResult = input.uscc ? checkUscc(input.uscc) : undefined;
        if (usccResult?.status === 'invalid') {
          fail(
            `统一社会信用代码无效：${usccResult.message ?? ''}`,
            'The unified social credit code (--uscc) is invalid',
          );
        }
        let org = usccResult
          ? await trx
              .selectFrom('organisations')
              .selectAll()
              .where('uscc', '=', usccResult.normalized)
              .executeTakeFirst()
          : await trx.selectFrom('organisations').selectAll().where('name', '=', orgName).executeTakeFirst();
        let createdOrg = false;
        if (!org) {
          if (!usccResult) {
            fail(
              `机构「${orgName}」不存在；首次创建时请用 --uscc 提供其统一社会信用代码`,
              `The organisation "${orgName}" does not exist yet; pass its unified social credit code with --uscc to create it`,
            );
          }
          org = {
            id: newId(),
            name: orgName,
            uscc: usccResult.normalized,
            uscc_status: usccResult.status,
            kind: 'government',
            // National level: NDRC has no province, so it is nobody's local DRC.
            region_code: null,
            industry_code: null,
            employees: null,
            revenue_wan: null,
            assets_wan: null,
            size_class: null,
            department_code: 'NDRC',
            verification_status: 'verified',
            registered_by: null,
            verified_by: null,
            verified_at: null,
            rejection_reason: null,
            created_at: nowIso(now),
            updated_at: nowIso(now),
          };
          await trx.insertInto('organisations').values(org).execute();
          await audit(trx, null, {
            entityType: 'organisation',
            entityId: org.id,
            action: 'create',
            after: org,
            actorUserId: null,
            organisationId: org.id,
          });
          createdOrg = true;
        } else if (org.kind !== 'government' || org.department_code !== 'NDRC') {
          fail(
            `机构「${org.name}」不是国家发展改革委（政府部门、指导部门代码 NDRC），不能在其中创建方案管理员`,
            `The organisation "${org.name}" is not NDRC (a government body with department code NDRC)`,
          );
        }
        const userId = newId();
        await trx
          .insertInto('users')
          .values({
            id: userId,
            name,
            email: ids.email,
            mobile: ids.mobile,
            password_hash: hash,
            locked_until: null,
            created_at: nowIso(now),
            updated_at: nowIso(now),
          })
          .execute();
        for (const role of ['programme_owner', 'system_admin'] as const) {
          await trx
            .insertInto('memberships')
            .values({ id: newId(), user_id: userId, organisation_id: org.id, role, created_at: nowIso(now) })
            .execute();
        }
        await audit(trx, null, {
          entityType: 'user',
          entityId: userId,
          action: 'admin_create',
          actorUserId: null,
          organisationId: org.id,
          after: { name, email: ids.email, mobile: ids.mobile, roles: ['programme_owner', 'system_admin'] },
        });
        return [
          createdOrg
            ? `已创建机构「${org.name}」。Created the organisation "${org.name}".`
            : `使用已有机构「${org.name}」。Using the existing organisation "${org.name}".`,
          `已创建用户 ${name}（${ids.email ?? ids.mobile}），角色：方案管理员、系统管理员。`,
          `Created the user ${name} (${ids.email ?? ids.mobile}) as programme owner and system administrator.`,
        ].join('\n');
      });
    } catch (err) {
      if (isUniqueViolation(err))
        fail(
          '邮箱、手机号或统一社会信用代码已存在，未做任何修改',
          'The e-mail, mobile or credit code already exists; nothing was changed',
        );
      throw err;
    }
  } finally {
    await database.close();
  }
}

try {
  console.log(await run());
  process.exit(0);
} catch (err) {
  if (err instanceof Failure) {
    console.error(`错误：${err.zh}\nError: ${err.en}`);
  } else {
    console.error(
      `错误：创建管理员失败\nError: could not create the administrator: ${(err as Error)?.stack ?? String(err)}`,
    );
  }
  process.exit(1);
}
