import { cellText, isTypedCell, numberFormat, type Cell, type CellKind, type CellValue, type SheetModel, type WorkbookModel } from './sheet-model';

const defaultWidths: Record<CellKind, number> = {
  text: 24,
  int: 10,
  decimal: 12,
  money: 16,
  hours: 12,
  gb: 12,
  rate: 12,
  percent: 9,
  dateTime: 17,
};

/**
 * Writes a workbook model as an `.xlsx` file with ExcelJS. ExcelJS (about 1 MB with its zip and XML
 * dependencies) is imported here, on first use, so only the code path that renders a workbook, in
 * the worker or the CLI, loads it; the API function's bundle keeps it in a chunk it never imports.
 *
 * Text from the cloud is written as a string cell, never a formula: ExcelJS makes a formula only
 * of a `{ formula }` object, so a server named `=HYPERLINK(...)` stays that text.
 */
export async function writeXlsx(model: WorkbookModel, options: { created: Date }): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'openstack-reports';
  workbook.created = options.created;
  workbook.modified = options.created;
  workbook.title = cellText(model.title);
  for (const sheet of model.sheets) addSheet(workbook, sheet, model.currency);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

type Workbook = InstanceType<(typeof import('exceljs'))['Workbook']>;

function addSheet(workbook: Workbook, sheet: SheetModel, currency: string | undefined): void {
  // The header row stays in view while scrolling.
  const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  ws.columns = sheet.columns.map((c) => ({ width: c.width ?? Math.max(defaultWidths[c.kind], Math.min(40, c.header.length + 2)) }));
  const header = ws.addRow(sheet.columns.map((c) => cellText(c.header)));
  header.font = { bold: true };
  const write = (cells: Cell[], bold: boolean) => {
    const row = ws.addRow([]);
    cells.forEach((cell, i) => {
      const kind = isTypedCell(cell) ? cell.kind : (sheet.columns[i]?.kind ?? 'text');
      const target = row.getCell(i + 1);
      target.value = excelValue(isTypedCell(cell) ? cell.value : cell);
      const format = numberFormat(kind, currency);
      if (format && typeof target.value !== 'string') target.numFmt = format;
    });
    if (bold) row.font = { bold: true };
  };
  for (const cells of sheet.rows) write(cells, false);
  if (sheet.columns.length > 0) {
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + sheet.rows.length, column: sheet.columns.length } };
  }
  for (const cells of sheet.footer ?? []) write(cells, true);
}

/** The value ExcelJS stores: strings cleaned for XML, non-finite numbers left empty. */
function excelValue(value: CellValue): string | number | boolean | Date | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return cellText(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return value;
}
