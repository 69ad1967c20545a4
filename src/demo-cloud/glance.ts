/**
 * Glance (image v2): version discovery, the image list with Glance's visibility rules, relative
 * `first`/`next` links and its own page-size default, image show, and the image schemas.
 */
import type { CloudContext, ServiceHandler } from './context';
import { parseLimit } from './context';
import type { DemoImage } from './data';
import { serviceError } from './errors';
import { isoZ, json, urlencode, withParam, type AuthContext, type DemoRequest, type DemoResponse } from './http';

/** Glance's `limit_param_default`: without `limit`, a page holds 25 images. */
export const GLANCE_DEFAULT_PAGE = 25;

type Dict = Record<string, unknown>;

function glanceError(req: DemoRequest, status: number, message: string): DemoResponse {
  const accept = req.headers.accept;
  return serviceError('image', status, message, { accept: Array.isArray(accept) ? accept.join(',') : accept });
}

function versions(ctx: CloudContext): Dict {
  const href = `${ctx.baseUrl}/image/v2/`;
  const list = [];
  for (let minor = 18; minor >= 0; minor--) list.push({ id: `v2.${minor}`, links: [{ href, rel: 'self' }], status: minor === 18 ? 'CURRENT' : 'SUPPORTED' });
  return { versions: list };
}

function imageView(image: DemoImage): Dict {
  return {
    ...image.properties,
    status: image.status,
    name: image.name,
    tags: image.tags,
    container_format: image.containerFormat,
    created_at: isoZ(image.createdMs),
    disk_format: image.diskFormat,
    updated_at: isoZ(image.updatedMs),
    visibility: image.visibility,
    self: `/v2/images/${image.id}`,
    min_disk: image.minDiskGb,
    protected: image.protected,
    id: image.id,
    file: `/v2/images/${image.id}/file`,
    checksum: image.checksum,
    os_hash_algo: image.osHashValue ? 'sha512' : null,
    os_hash_value: image.osHashValue,
    os_hidden: false,
    owner: image.ownerId,
    size: image.sizeBytes,
    min_ram: image.minRamMb,
    schema: '/v2/schemas/image',
    virtual_size: image.virtualSize,
  };
}

/** Glance's default listing: admins see everything but community images unless asked. */
function visibleByDefault(image: DemoImage, auth: AuthContext): boolean {
  if (image.deleted) return false;
  if (image.visibility === 'public') return true;
  if (image.visibility === 'community') return false;
  return auth.isAdmin || image.ownerId === auth.projectId;
}

function listImages(req: DemoRequest, ctx: CloudContext): DemoResponse {
  const auth = req.auth!;
  const parsed = parseLimit(req.query.get('limit'), ctx.maxLimit, GLANCE_DEFAULT_PAGE);
  if (!parsed.ok) return glanceError(req, 400, parsed.message);
  let start = 0;
  const markerId = req.query.get('marker');
  if (markerId) {
    const marker = ctx.store.images.get(markerId);
    if (!marker || marker.deleted) return glanceError(req, 400, `Invalid marker. Image ${markerId} could not be found.`);
    start = ctx.store.imageList.after(marker);
  }
  const visibility = req.query.get('visibility');
  const q = (k: string): string | null => req.query.get(k);
  const filter = (i: DemoImage): boolean => {
    if (visibility === 'all') {
      if (i.deleted || (!auth.isAdmin && i.visibility !== 'public' && i.visibility !== 'community' && i.ownerId !== auth.projectId)) return false;
    } else if (visibility) {
      if (i.visibility !== visibility || i.deleted || (!auth.isAdmin && visibility !== 'public' && visibility !== 'community' && i.ownerId !== auth.projectId))
        return false;
    } else if (!visibleByDefault(i, auth)) return false;
    return (!q('owner') || i.ownerId === q('owner')) && (!q('status') || i.status === q('status')) && (!q('name') || i.name === q('name'));
  };
  const page = ctx.store.imageList.take(start, parsed.limit, filter);
  const firstQuery = urlencode([...req.query.entries()].filter(([k]) => k !== 'marker'));
  const body: Dict = { images: page.map(imageView), first: firstQuery ? `/v2/images?${firstQuery}` : '/v2/images', schema: '/v2/schemas/images' };
  // Relative to the image endpoint, as Glance sends it.
  if (page.length > 0 && page.length === parsed.limit) body.next = `/v2/images?${urlencode(withParam(req.query, 'marker', page[page.length - 1].id))}`;
  return json(200, body);
}

const IMAGE_SCHEMA_PROPERTIES = [
  'id',
  'name',
  'status',
  'visibility',
  'owner',
  'size',
  'virtual_size',
  'checksum',
  'disk_format',
  'container_format',
  'created_at',
  'updated_at',
  'tags',
  'min_disk',
  'min_ram',
  'protected',
  'os_hidden',
];

function schema(name: 'image' | 'images'): Dict {
  const image = { name: 'image', additionalProperties: { type: 'string' }, properties: Object.fromEntries(IMAGE_SCHEMA_PROPERTIES.map((p) => [p, {}])) };
  if (name === 'image') return image;
  return {
    name: 'images',
    properties: { images: { type: 'array', items: image }, first: { type: 'string' }, next: { type: 'string' }, schema: { type: 'string' } },
  };
}

/** True for Glance's version documents, which need no token. */
export function glanceIsPublic(req: Pick<DemoRequest, 'path'>): boolean {
  return req.path === '' || req.path === '/versions';
}

/** Handles everything under `/image`. */
export const glance: ServiceHandler = (req, ctx) => {
  if (req.path === '') return json(300, versions(ctx));
  if (req.path === '/versions') return json(200, versions(ctx));
  if (req.segments[0] !== 'v2') return glanceError(req, 404, 'The resource could not be found.');
  if (req.method !== 'GET') return glanceError(req, 405, 'The method is not allowed for this resource.');
  const seg = req.segments.slice(1);
  if (seg[0] === 'images' && seg.length === 1) return listImages(req, ctx);
  if (seg[0] === 'images' && seg.length === 2) {
    const image = ctx.store.images.get(seg[1]);
    const auth = req.auth!;
    const visible =
      image && !image.deleted && (image.visibility === 'public' || image.visibility === 'community' || auth.isAdmin || image.ownerId === auth.projectId);
    return visible ? json(200, imageView(image)) : glanceError(req, 404, `No image found with ID ${seg[1]}`);
  }
  if (seg[0] === 'schemas' && seg.length === 2 && (seg[1] === 'image' || seg[1] === 'images')) return json(200, schema(seg[1]));
  return glanceError(req, 404, 'The resource could not be found.');
};
