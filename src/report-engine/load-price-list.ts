import { parse as parseYaml } from 'yaml';
import { AppError } from '../domain/errors';
import { priceListSchema, type PriceList } from '../domain/price-list';

/**
 * Parses a price list file (YAML or JSON, which is YAML too) as the wiring reads it from disk or
 * from stored configuration. Every invalid field is named in the error.
 */
export function loadPriceList(text: string, source = 'price list'): PriceList {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new AppError('invalid_price_list', `The ${source} is not valid YAML or JSON: ${(error as Error).message}`, { cause: error });
  }
  const result = priceListSchema.safeParse(doc);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`).join('; ');
    throw new AppError('invalid_price_list', `The ${source} is invalid: ${issues}`);
  }
  return result.data;
}
