/**
 * The names a Swift delivery may use, checked when the request arrives so a bad one is a 400
 * naming the field, not a delivery that fails (or, for `.`, that "succeeds" storing nothing).
 *
 * Swift's rules, from the Object Storage API reference (docs.openstack.org/api-ref/object-store):
 * - container: "The unique (within an account) name for the container. The container name must be
 *   from 1 to 256 characters long and can start with any character and contain any pattern.
 *   Character set must be UTF-8. The container name cannot contain a slash (/) character because
 *   this character delimits the container and object name." Swift counts the 256 in bytes of
 *   UTF-8 (`max_container_name_length`).
 * - object: "Object names cannot exceed 1024 bytes and have no character restrictions"; "Object and
 *   container names must be URL-encoded and UTF-8 encoded" (the API overview;
 *   `max_object_name_length` = 1024 bytes of UTF-8 by default). Swift refuses a name that is not
 *   valid UTF-8 or contains NUL (`check_utf8`).
 *
 * Ours on top, because names travel as URL paths: a container may not be `.` or `..`, and a prefix
 * may have no `.` or `..` segment, since URL parsers remove those (even percent-encoded) and the
 * request would address the account or another object. And no control characters (U+0000–U+001F,
 * U+007F–U+009F) in either: Swift refuses NUL, and the others cannot be seen in listings, e-mails
 * or logs.
 */
export const swiftLimits = {
  containerBytes: 256,
  objectNameBytes: 1024,
  /**
   * The longest file name the delivery appends to the prefix: `<type>-report-<run id>.<format>`,
   * type at most 9 bytes (`inventory`), a 36-byte UUID, a format of at most 4 (`html`).
   */
  fileNameBytes: 58,
} as const;

/** Longest prefix: the object name limit less the file name appended to it. */
export const swiftPrefixMaxBytes = swiftLimits.objectNameBytes - swiftLimits.fileNameBytes;

const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;
// eslint-disable-next-line no-control-regex
const control = /[\u0000-\u001f\u007f-\u009f]/u;
const loneSurrogate = /\p{Cs}/u;

function textProblem(name: string): string | undefined {
  if (loneSurrogate.test(name)) return 'must be valid UTF-8 (it has a lone surrogate)';
  if (control.test(name)) return 'must not contain NUL or other control characters';
  return undefined;
}

/** Why `name` cannot be a Swift container name, or undefined. */
export function swiftContainerProblem(name: string): string | undefined {
  if (name.length === 0) return 'must not be empty';
  const text = textProblem(name);
  if (text) return text;
  if (name.includes('/')) return 'must not contain "/" (it separates container and object in Swift URLs)';
  if (name === '.' || name === '..') return 'must not be "." or ".." (a URL cannot carry them as a path segment)';
  const bytes = utf8Bytes(name);
  if (bytes > swiftLimits.containerBytes) return `must be at most ${swiftLimits.containerBytes} bytes of UTF-8 (it has ${bytes})`;
  return undefined;
}

/** Why `prefix` cannot start the Swift object names of a delivery, or undefined. */
export function swiftPrefixProblem(prefix: string): string | undefined {
  const text = textProblem(prefix);
  if (text) return text;
  if (prefix.split('/').some((s) => s === '.' || s === '..')) return 'must not have a "." or ".." segment (a URL cannot carry them)';
  const bytes = utf8Bytes(prefix);
  if (bytes > swiftPrefixMaxBytes) {
    return `must be at most ${swiftPrefixMaxBytes} bytes of UTF-8 (it has ${bytes}): Swift object names are at most ${swiftLimits.objectNameBytes} bytes, and the file name takes up to ${swiftLimits.fileNameBytes}`;
  }
  return undefined;
}
