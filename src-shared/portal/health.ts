import { z } from 'zod';

/**
 * What `GET /health` answers when the portal and its database work. A load balancer or a monitoring
 * probe only needs the HTTP status (200, or 503 with an `unavailable` error); the body names the
 * running version for people.
 */
export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.literal('ok'),
  version: z.string().min(1),
});
export type Health = z.infer<typeof healthSchema>;
