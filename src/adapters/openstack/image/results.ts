import * as z from 'zod';
import type { Image } from '../../../domain/cloud';
import { versionsSchema } from '../wire';

/** Glance (image v2) wire formats. Images are flat objects; custom properties are extra top-level keys. */

/** Many core fields are nullable (`name`, `size`, `owner`, ...): see glance's images schema. */
export const imageSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable().optional(),
    status: z.string(),
    size: z.number().nullable().optional(),
    owner: z.string().nullable().optional(),
    visibility: z.string().optional(),
  })
  .transform((i): Image => ({
    id: i.id,
    name: i.name ?? null,
    status: i.status,
    ...(i.size !== undefined ? { sizeBytes: i.size } : {}),
    ...(i.owner !== undefined ? { owner: i.owner } : {}),
    ...(i.visibility !== undefined ? { visibility: i.visibility } : {}),
  }));

/** `GET /v2/images`: `next` is a top-level RELATIVE path (`/v2/images?marker=…`), absent on the last page. */
export const imagesPageSchema = z
  .looseObject({ images: z.array(imageSchema), next: z.string().optional(), first: z.string().optional() })
  .transform((p) => ({ items: p.images, next: p.next }));

/** `GET /v2/images/{id}`: the image itself, no envelope. */
export const imageShowSchema = imageSchema;

/** `GET /v2/schemas/images`: a JSON schema document (checked only for its shape). */
export const imagesJsonSchemaSchema = z.looseObject({
  name: z.string(),
  properties: z.record(z.string(), z.unknown()),
  links: z.array(z.looseObject({ href: z.string(), rel: z.string() })),
});

/** `GET /`: one entry per minor version (v2.0…v2.18), all with the same href. */
export const imageVersionsSchema = versionsSchema;
