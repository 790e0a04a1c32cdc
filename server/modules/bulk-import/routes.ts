/** The administrators' bulk import: templates and uploads of organisations and people (all or nothing). */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AdminImportResult } from '../../../common/contracts/invitations.ts';
import { authorize, requireActor } from '../../lib/policy.ts';
import { XLSX_MIME, xlsxAttachment } from '../../lib/xlsx.ts';
import { isOrgManager } from '../organisations/policy.ts';
import { userPolicy } from '../users/policy.ts';
import { importOrganisations, importPeople } from './service.ts';
import { organisationTemplate, peopleTemplate } from './templates.ts';
import { IMPORT_MULTIPART_LIMITS, readXlsxUpload } from './upload.ts';

const TAGS = ['import'];

const routes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: IMPORT_MULTIPART_LIMITS });

  const kinds = [
    {
      path: 'organisations',
      name: '机构导入模板.xlsx',
      allowed: isOrgManager,
      template: organisationTemplate,
      run: importOrganisations,
      what: '机构',
    },
    {
      path: 'people',
      name: '人员导入模板.xlsx',
      allowed: userPolicy.manage,
      template: peopleTemplate,
      run: importPeople,
      what: '人员',
    },
  ] as const;

  for (const k of kinds) {
    app.get(
      `/admin/import/${k.path}/template.xlsx`,
      { schema: { tags: TAGS, summary: `下载${k.what}导入模板（.xlsx）`, produces: [XLSX_MIME] } },
      async (req, reply) => {
        authorize(k.allowed(requireActor(req.ctx)));
        return reply
          .header('content-type', XLSX_MIME)
          .header('content-disposition', xlsxAttachment(k.name))
          .send(await k.template());
      },
    );

    app.post(
      `/admin/import/${k.path}`,
      {
        schema: {
          tags: TAGS,
          summary: `批量导入${k.what}（multipart：file=.xlsx，≤2MB，≤1000行；全部通过才一次性导入，否则逐行报错、一条不导入）`,
          consumes: ['multipart/form-data'],
          response: { 201: AdminImportResult },
        },
      },
      async (req, reply) => {
        authorize(k.allowed(requireActor(req.ctx)));
        const file = await readXlsxUpload(app, req);
        return reply.code(201).send(await k.run(req.ctx, { file }));
      },
    );
  }
};

export default routes;
