/**
 * The one .xlsx upload of the invitation and administrator imports: multipart/form-data with one file, at most
 * `IMPORT_MAX_BYTES` (the multipart limit of the registering plugin), named .xlsx or sent as the .xlsx media
 * type. What is inside is checked by `readXlsx` (an .xlsx renamed from something else is `import_file_invalid`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../lib/errors.ts';
import { lastFile, readMultipart } from '../../lib/multipart.ts';
import { XLSX_MIME } from '../../lib/xlsx.ts';

/** 2 MB: a 1,000-row template is about 60 KB. */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_MULTIPART_LIMITS = { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5, parts: 10 };

export async function readXlsxUpload(app: FastifyInstance, req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart())
    throw new AppError(415, 'unsupported_media_type', '请以 multipart/form-data 方式上传 .xlsx 文件');
  let file: Awaited<ReturnType<typeof lastFile>> = null;
  try {
    file = lastFile(await readMultipart(req));
  } catch (err) {
    if (err instanceof app.multipartErrors.RequestFileTooLargeError)
      throw new AppError(413, 'import_file_too_large', '导入文件过大（不超过2MB），请分批导入');
    throw err;
  }
  if (!file || file.data.length === 0) throw new AppError(400, 'import_file_invalid', '请上传 .xlsx 文件');
  const named = /\.xlsx$/i.test(file.filename);
  if (!named && file.mimetype !== XLSX_MIME)
    throw new AppError(415, 'unsupported_media_type', '只能上传 .xlsx 文件（请使用下载的模板）');
  return file.data;
}
