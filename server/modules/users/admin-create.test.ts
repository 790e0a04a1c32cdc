import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../../common/uscc-make.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/index.ts';
import { Client } from '../../test/harness.ts';

// The script always runs against a temporary SQLite file, whichever database the suite uses.
let dir: string;
let dbFile: string;
const NDRC_USCC = makeUscc(4242, '110000');
const STRONG = 'Ndrc#Gaojisi2020';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rt-admin-'));
  dbFile = join(dir, 'prod.db');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function runScript(args: string[], extraEnv: Record<string, string> = {}) {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'production',
    SQLITE_PATH: dbFile,
    LOG_LEVEL: 'silent',
    ...extraEnv,
  };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  for (const k of ['ADMIN_NAME', 'ADMIN_EMAIL', 'ADMIN_MOBILE', 'ADMIN_PASSWORD', 'ADMIN_ORG_NAME', 'ADMIN_USCC']) {
    if (!(k in extraEnv)) delete env[k];
  }
  const r = spawnSync(join(process.cwd(), 'node_modules/.bin/tsx'), ['server/admin-create.ts', ...args], {
    env,
    encoding: 'utf8',
    timeout: 25_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function withDb<T>(fn: (db: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
  const database = openDatabase({ sqlitePath: dbFile });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

// Each run starts a tsx process; allow for a slow, busy machine.
describe('npm run admin:create', { timeout: 90_000 }, () => {
  it('refuses to create the organisation without a credit code, exiting non-zero with a bilingual message', () => {
    const r = runScript(['--name', '张三', '--email', 'zhangsan@ndrc.example.cn', '--password', STRONG]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/错误：机构「国家发展改革委高技术司」不存在/);
    expect(r.stderr).toMatch(/Error: The organisation .* does not exist yet/);
  });

  it('refuses a password the policy rejects and a missing name, before touching the database', () => {
    const weak = runScript([
      '--name',
      '张三',
      '--email',
      'zhangsan@ndrc.example.cn',
      '--password',
      'password',
      '--uscc',
      NDRC_USCC,
    ]);
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/密码不符合安全要求/);
    expect(weak.stderr).toMatch(/password policy/);
    const nameless = runScript(['--email', 'a@b.cn', '--password', STRONG]);
    expect(nameless.status).toBe(1);
    expect(nameless.stderr).toMatch(/请提供姓名/);
  });

  it('migrates, creates 国家发展改革委高技术司 and a programme owner who is also system administrator', async () => {
    const r = runScript([
      '--name',
      '张三',
      '--email',
      'ZhangSan@NDRC.example.cn',
      '--mobile',
      '13800138000',
      '--password',
      STRONG,
      '--uscc',
      NDRC_USCC,
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/已创建机构「国家发展改革委高技术司」/);
    expect(r.stdout).toMatch(/programme owner and system administrator/);
    await withDb(async (database) => {
      const db = database.db;
      const org = await db.selectFrom('organisations').selectAll().executeTakeFirstOrThrow();
      expect(org).toMatchObject({
        name: '国家发展改革委高技术司',
        uscc: NDRC_USCC,
        uscc_status: 'valid',
        kind: 'government',
        department_code: 'NDRC',
      });
      const user = await db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
      expect(user).toMatchObject({
        name: '张三',
        email: 'zhangsan@ndrc.example.cn',
        mobile: '13800138000',
        disabled: 0,
      });
      const roles = await db
        .selectFrom('memberships')
        .select(['role', 'organisation_id'])
        .where('user_id', '=', user.id)
        .execute();
      expect(roles.map((m) => m.role).sort()).toEqual(['programme_owner', 'system_admin']);
      expect(roles.every((m) => m.organisation_id === org.id)).toBe(true);
      const events = await db
        .selectFrom('audit_events')
        .select(['entity_type', 'action'])
        .orderBy('entity_type')
        .execute();
      expect(events).toEqual([
        { entity_type: 'organisation', action: 'create' },
        { entity_type: 'user', action: 'admin_create' },
      ]);
      // Nothing is seeded in production: no bases, no programmes.
      expect(await db.selectFrom('bases').select('id').execute()).toHaveLength(0);
      expect(await db.selectFrom('programmes').select('id').execute()).toHaveLength(0);
      // The new administrator can sign in and manage users.
      const app = await buildApp({
        config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
        database,
        webRoot: '/nonexistent',
      });
      try {
        const c = new Client(app);
        const me = (await c.login('13800138000', STRONG)).json();
        expect(me.roles.sort()).toEqual(['programme_owner', 'system_admin']);
        expect((await c.get('/api/users')).statusCode).toBe(200);
      } finally {
        await app.close();
      }
    });
  });

  it('refuses a second run with an existing e-mail and changes nothing', async () => {
    const byMail = runScript(['--name', '李四', '--email', 'zhangsan@ndrc.example.cn', '--password', STRONG]);
    expect(byMail.status).toBe(1);
    expect(byMail.stderr).toMatch(/已被现有用户使用/);
    expect(byMail.stderr).toMatch(/already exists/);
    await withDb(async ({ db }) => {
      expect(await db.selectFrom('users').select('id').execute()).toHaveLength(1);
    });
  });

  it('reads its input from ADMIN_* environment variables and reuses the existing organisation', async () => {
    const r = runScript([], { ADMIN_NAME: '王五', ADMIN_EMAIL: 'wangwu@ndrc.example.cn', ADMIN_PASSWORD: STRONG });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/使用已有机构/);
    await withDb(async ({ db }) => {
      expect(await db.selectFrom('organisations').select('id').execute()).toHaveLength(1);
      expect(await db.selectFrom('users').select('id').execute()).toHaveLength(2);
    });
  });

  it('refuses to put the administrator into an organisation that is not NDRC', async () => {
    const other = makeUscc(777, '320000');
    await withDb(async ({ db }) => {
      const now = new Date().toISOString();
      await db
        .insertInto('organisations')
        .values({
          id: 'org-enterprise',
          name: '某企业有限公司',
          uscc: other,
          uscc_status: 'valid',
          kind: 'enterprise',
          region_code: null,
          industry_code: null,
          employees: null,
          revenue_wan: null,
          assets_wan: null,
          size_class: null,
          department_code: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    });
    const r = runScript([
      '--name',
      '赵六',
      '--email',
      'zhaoliu@example.cn',
      '--password',
      STRONG,
      '--org-name',
      '某企业有限公司',
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/不是国家发展改革委/);
  });
});
