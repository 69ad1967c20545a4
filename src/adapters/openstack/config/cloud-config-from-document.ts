import type { CloudConfig } from './cloud-config';
import { CloudConfigError } from './cloud-config-error';
import { cloudConfigFromEntry } from './cloud-entry';
import { isPlainObject, parseYamlSafely } from './clouds-files';

/**
 * Reads a cloud from a document, such as the value of the AWS Secrets Manager secret: either one
 * clouds.yaml cloud entry (`{auth: {...}, region_name: ...}`) or a whole clouds.yaml
 * (`{clouds: {...}}`) from which `cloud` (or the document's own `cloud` key, or its only cloud)
 * is taken. Text is parsed as YAML, which accepts JSON too.
 *
 * @throws CloudConfigError naming the missing key or cloud, never a secret.
 */
export function cloudConfigFromDocument(doc: unknown, cloud?: string): CloudConfig {
  const value = typeof doc === 'string' ? parseCloudDocumentText(doc) : doc;
  if (!isPlainObject(value)) throw new CloudConfigError('the cloud document must be a mapping (a clouds.yaml or one cloud entry)');

  if (value.clouds === undefined) {
    return cloudConfigFromEntry(value, { name: cloud ?? 'secret', source: 'document', where: 'the cloud document' });
  }
  if (!isPlainObject(value.clouds)) throw new CloudConfigError('the cloud document: "clouds" must be a mapping of cloud names to settings');
  const names = Object.keys(value.clouds);
  const named = cloud ?? (typeof value.cloud === 'string' ? value.cloud : undefined);
  const chosen = named ?? (names.length === 1 ? names[0] : undefined);
  if (chosen === undefined) {
    throw new CloudConfigError(`the cloud document defines several clouds (${names.join(', ')}); name one with "cloud"`);
  }
  const entry = value.clouds[chosen];
  if (entry === undefined) {
    throw new CloudConfigError(`cloud "${chosen}" not found in the cloud document; clouds there: ${names.join(', ') || '(none)'}`);
  }
  return cloudConfigFromEntry(entry, { name: chosen, source: 'document', where: `cloud "${chosen}" in the cloud document` });
}

/** Parses a secret's text (JSON or YAML) without quoting it in errors. */
export function parseCloudDocumentText(text: string): unknown {
  return parseYamlSafely(text, 'the cloud document');
}
