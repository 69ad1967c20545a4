/**
 * The URL as it may appear in messages and logs: without `user:password@`. OpenStack tokens
 * travel in headers, so the path and query are safe to show and name the exact page that failed.
 */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === '' && parsed.password === '') return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}
