import * as z from 'zod';
import type { QuotaLine, Snapshot, Volume } from '../../../domain/cloud';
import { linkArray, nextHref, nullableTimestamp, quotaLines, timestamp, versionsSchema } from '../wire';

/** Cinder (block-storage v3) wire formats, renamed once. */

/** `bootable` is the STRING `"true"`/`"false"`. */
const bootable = z.union([z.boolean(), z.string()]).transform((v) => v === true || String(v).toLowerCase() === 'true');

/** Attachment `id` is the VOLUME id; the attachment's own id is `attachment_id`. */
const attachment = z.object({
  server_id: z.string(),
  attachment_id: z.string().optional(),
  device: z.string().nullable().optional(),
  attached_at: nullableTimestamp.optional(),
  host_name: z.string().nullable().optional(),
});

/** A `volumes/detail` entry; admin-only `os-vol-*` keys are optional. */
export const volumeSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable().optional(),
    size: z.number(),
    status: z.string(),
    volume_type: z.string().nullable().optional(),
    bootable: bootable.optional(),
    attachments: z.array(attachment).optional(),
    availability_zone: z.string().nullable().optional(),
    created_at: timestamp,
    'os-vol-tenant-attr:tenant_id': z.string().optional(),
  })
  .transform((v): Volume => ({
    id: v.id,
    name: v.name ?? null,
    ...(v['os-vol-tenant-attr:tenant_id'] !== undefined ? { projectId: v['os-vol-tenant-attr:tenant_id'] } : {}),
    sizeGb: v.size,
    status: v.status,
    ...(v.volume_type !== undefined ? { volumeType: v.volume_type } : {}),
    bootable: v.bootable ?? false,
    attachments: (v.attachments ?? []).map((a) => ({
      serverId: a.server_id,
      ...(a.device !== undefined ? { device: a.device } : {}),
      ...(a.attached_at !== undefined ? { attachedAt: a.attached_at } : {}),
    })),
    ...(v.availability_zone ? { availabilityZone: v.availability_zone } : {}),
    createdAt: v.created_at,
  }));

/** `GET /volumes/detail`: `volumes_links` only when the page was truncated. */
export const volumesPageSchema = z
  .looseObject({ volumes: z.array(volumeSchema), volumes_links: linkArray.optional() })
  .transform((p) => ({ items: p.volumes, next: nextHref(p.volumes_links) }));

/** `GET /volumes` (summary): `{id, name, links}`. */
export const volumesSummaryPageSchema = z
  .looseObject({
    volumes: z.array(z.looseObject({ id: z.string(), name: z.string().nullable().optional() })),
    volumes_links: linkArray.optional(),
  })
  .transform((p) => ({ items: p.volumes, next: nextHref(p.volumes_links) }));

/** A `snapshots/detail` entry; `progress` is a string such as `"0%"`, `updated_at` may be null. */
export const snapshotSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable().optional(),
    volume_id: z.string(),
    size: z.number(),
    status: z.string(),
    created_at: timestamp,
    'os-extended-snapshot-attributes:project_id': z.string().optional(),
  })
  .transform((s): Snapshot => ({
    id: s.id,
    name: s.name ?? null,
    volumeId: s.volume_id,
    ...(s['os-extended-snapshot-attributes:project_id'] !== undefined ? { projectId: s['os-extended-snapshot-attributes:project_id'] } : {}),
    sizeGb: s.size,
    status: s.status,
    createdAt: s.created_at,
  }));

export const snapshotsPageSchema = z
  .looseObject({ snapshots: z.array(snapshotSchema), snapshots_links: linkArray.optional() })
  .transform((p) => ({ items: p.snapshots, next: nextHref(p.snapshots_links) }));

/**
 * `GET /os-quota-sets/{id}[?usage=True]`: plain limits, or `{in_use, limit, reserved}` with usage;
 * includes per-volume-type keys (`gigabytes___<type>`); `id` stays a string.
 */
export const volumeQuotaSetSchema = z
  .looseObject({ quota_set: z.record(z.string(), z.unknown()) })
  .transform((b): Record<string, QuotaLine> => quotaLines(b.quota_set));

/** `GET /limits`. */
export const volumeLimitsSchema = z
  .looseObject({ limits: z.looseObject({ absolute: z.record(z.string(), z.number()), rate: z.array(z.unknown()).optional() }) })
  .transform((b) => b.limits.absolute);

/** `GET /` version document. */
export const volumeVersionsSchema = versionsSchema;
