import * as z from 'zod';
import type { Project } from '../../../domain/cloud';
import { linkArray, nullableTimestamp, timestamp } from '../wire';

/** Keystone v3 wire formats, renamed once into what the rest of the client uses. */

const catalogEndpointSchema = z.looseObject({
  url: z.string(),
  interface: z.string(),
  region: z.string().nullable().optional(),
  region_id: z.string().nullable().optional(),
  id: z.string().optional(),
});

const catalogEntrySchema = z.looseObject({
  type: z.string(),
  name: z.string().optional(),
  id: z.string().optional(),
  endpoints: z.array(catalogEndpointSchema),
});

/** A service catalog entry with its endpoints. */
export interface CatalogEntry {
  type: string;
  name?: string;
  endpoints: { url: string; interface: string; region?: string }[];
}

const namedRef = z.looseObject({ id: z.string(), name: z.string().optional() });

/**
 * `POST /v3/auth/tokens` (201) and `GET /v3/auth/tokens` bodies. The token itself is not here:
 * it is the `X-Subject-Token` header.
 */
export const tokenResponseSchema = z
  .looseObject({
    token: z.looseObject({
      expires_at: timestamp,
      issued_at: timestamp.optional(),
      methods: z.array(z.string()),
      project: namedRef.extend({ domain: namedRef.optional() }).optional(),
      user: namedRef.extend({
        domain: namedRef.optional(),
        // Naive (no timezone) in keystone's own samples.
        password_expires_at: nullableTimestamp.optional(),
      }),
      roles: z.array(namedRef).optional(),
      catalog: z.array(catalogEntrySchema).optional(),
      application_credential: z.looseObject({ id: z.string(), name: z.string().optional(), restricted: z.boolean().optional() }).optional(),
      audit_ids: z.array(z.string()).optional(),
      is_domain: z.boolean().optional(),
    }),
  })
  .transform(({ token: t }) => ({
    expiresAt: t.expires_at,
    issuedAt: t.issued_at,
    methods: t.methods,
    project: t.project ? { id: t.project.id, name: t.project.name, domainId: t.project.domain?.id } : undefined,
    user: { id: t.user.id, name: t.user.name, domainId: t.user.domain?.id },
    roles: (t.roles ?? []).map((r) => r.name ?? r.id),
    catalog: (t.catalog ?? []).map((c): CatalogEntry => ({
      type: c.type,
      name: c.name,
      endpoints: c.endpoints.map((e) => ({
        url: e.url,
        interface: e.interface,
        region: e.region_id ?? e.region ?? undefined,
      })),
    })),
    applicationCredential: t.application_credential,
  }));
export type TokenInfo = z.output<typeof tokenResponseSchema>;

/** Keystone lists carry a links OBJECT `{self, next, previous}`, not an array. */
const keystoneLinks = z
  .looseObject({ self: z.string().optional(), next: z.string().nullable().optional(), previous: z.string().nullable().optional() })
  .optional();

const projectSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    domain_id: z.string().optional(),
    description: z.string().nullable().optional(),
    enabled: z.boolean().optional(),
    parent_id: z.string().nullable().optional(),
    is_domain: z.boolean().optional(),
  })
  .transform((p): Project => ({
    id: p.id,
    name: p.name,
    ...(p.domain_id !== undefined ? { domainId: p.domain_id } : {}),
    ...(p.description !== undefined ? { description: p.description } : {}),
    enabled: p.enabled ?? true,
  }));

/** `GET /v3/projects` (admin) and `GET /v3/auth/projects` (any token). */
export const projectsPageSchema = z
  .looseObject({ projects: z.array(projectSchema), links: keystoneLinks, truncated: z.boolean().optional() })
  // `truncated` means keystone's list_limit cut the list and there is no next page to follow.
  .transform((p) => ({ items: p.projects, next: p.links?.next ?? undefined, truncated: p.truncated ?? false }));

/** A Keystone domain. */
export interface KeystoneDomain {
  id: string;
  name: string;
  enabled: boolean;
  description?: string | null;
}

/** `GET /v3/domains` and `GET /v3/auth/domains`. */
export const domainsPageSchema = z
  .looseObject({
    domains: z.array(z.looseObject({ id: z.string(), name: z.string(), enabled: z.boolean().optional(), description: z.string().nullable().optional() })),
    links: keystoneLinks,
  })
  .transform((p) => ({
    items: p.domains.map((d): KeystoneDomain => ({
      id: d.id,
      name: d.name,
      enabled: d.enabled ?? true,
      ...(d.description !== undefined ? { description: d.description } : {}),
    })),
    next: p.links?.next ?? undefined,
  }));

/** `GET /v3/users` (not used by reports; parsed for completeness of the fixtures). */
export const usersPageSchema = z
  .looseObject({
    users: z.array(
      z.looseObject({
        id: z.string(),
        name: z.string(),
        domain_id: z.string().optional(),
        enabled: z.boolean().optional(),
        password_expires_at: nullableTimestamp.optional(),
      }),
    ),
    links: keystoneLinks,
  })
  .transform((p) => ({ items: p.users, next: p.links?.next ?? undefined }));

/** Keystone's version document wraps the list as `versions.values` (others use `versions`). */
export const identityVersionsSchema = z.looseObject({
  versions: z.looseObject({
    values: z.array(z.looseObject({ id: z.string(), status: z.string(), links: linkArray.optional(), updated: z.string().optional() })),
  }),
});
