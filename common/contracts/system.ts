/** Response shape of GET /api/health (server/modules/system). */
import { z } from 'zod';

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({
    dialect: z.enum(['sqlite', 'postgres']),
    applied: z.array(z.string()),
    pending: z.array(z.string()),
  }),
  time: z.string(),
});
export type Health = z.infer<typeof Health>;
