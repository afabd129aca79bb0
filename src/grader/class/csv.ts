/**
 * A small RFC 4180 CSV writer: fields are quoted when they hold a comma, a double quote, a CR or
 * an LF (quotes doubled inside), records end with CRLF, text is written as given (UTF-8, Chinese
 * included). Text fields that a spreadsheet would run as a formula (starting with = + - @, a tab
 * or a CR) get a leading apostrophe, as OWASP advises for CSV files people open in Excel: a
 * student folder named "=HYPERLINK(...)" stays text. Numbers are written as they are.
 */
export type CsvValue = string | number;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field, quoted when needed. */
export function csvField(value: CsvValue): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, ending with CRLF. */
export function csvRecord(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/** A whole file: the header record, then one record per row. */
export function renderCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return csvRecord(header) + rows.map(csvRecord).join('');
}
