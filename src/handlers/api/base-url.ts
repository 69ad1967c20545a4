/**
 * The external base URL of the API, for links: the configured public URL, else the origin the
 * request reached. Forwarded headers are not trusted, so a client cannot make the API write links
 * to another host.
 */
export function externalBaseUrl(requestUrl: string, publicBaseUrl?: string): string {
  if (publicBaseUrl) return publicBaseUrl.replace(/\/+$/, '');
  return new URL(requestUrl).origin;
}
