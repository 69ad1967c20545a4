import { readFile } from 'node:fs/promises';
import { brandingSchema } from '../report-engine/report-data';
import { loadPriceList, type Branding } from '../report-engine';
import type { PriceList } from '../domain/price-list';

/** Parses the configured brand theme (JSON), naming the setting when it is wrong. */
export function parseBranding(text: string, source: string): Branding {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new Error(`Invalid configuration: ${source} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const result = brandingSchema.safeParse(doc);
  if (!result.success) {
    throw new Error(`Invalid configuration: ${source}: ${result.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
  }
  return result.data;
}

/** The default price list and brand theme, from their texts (AWS settings or files' contents). */
export function reportSettings(
  texts: { priceList?: string; branding?: string },
  sources = { priceList: 'PRICE_LIST', branding: 'BRANDING' },
): {
  defaultPriceList?: PriceList;
  branding?: Branding;
} {
  return {
    defaultPriceList: texts.priceList === undefined ? undefined : loadPriceList(texts.priceList, sources.priceList),
    branding: texts.branding === undefined ? undefined : parseBranding(texts.branding, sources.branding),
  };
}

/** The same, read from the files the local configuration names. */
export async function readReportSettingsFiles(files: { PRICE_LIST_FILE?: string; BRANDING_FILE?: string }) {
  const read = (file: string | undefined) =>
    file
      ? readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
          throw new Error(`Invalid configuration: cannot read ${file}: ${e.code ?? e.message}`);
        })
      : undefined;
  return reportSettings(
    { priceList: await read(files.PRICE_LIST_FILE), branding: await read(files.BRANDING_FILE) },
    { priceList: files.PRICE_LIST_FILE ?? '', branding: files.BRANDING_FILE ?? '' },
  );
}
