// A metric answer as CSV for spreadsheets: one row per period (the whole window, then each bucket
// of the series) and per item of its lists, nested fields as dotted column names.
type Cell = string | number | boolean | null;
type FlatRow = Record<string, Cell>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Scalars become columns of the row; a nested object adds its columns; each list of objects is a
 * section of rows (every row repeating the scalars around it). Lists of scalars are joined by `|`.
 */
export const flattenRows = (value: Record<string, unknown>, prefix = ''): FlatRow[] => {
  let base: FlatRow = {};
  const sections: FlatRow[][] = [];
  for (const [key, child] of Object.entries(value)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (Array.isArray(child) && child.some(isRecord)) {
      sections.push(child.flatMap((item) => (isRecord(item) ? flattenRows(item, path) : [{ [path]: item as Cell }])));
    } else if (Array.isArray(child)) {
      base[path] = child.join('|');
    } else if (isRecord(child)) {
      const rows = flattenRows(child, path);
      if (rows.length === 1) base = { ...base, ...rows[0] };
      else sections.push(rows);
    } else {
      base[path] = (child ?? null) as Cell;
    }
  }
  if (sections.length === 0) return [base];
  return sections.flatMap((rows) => rows.map((row) => ({ ...base, ...row })));
};

/** Text a spreadsheet would run as a formula is prefixed with a quote; quotes and separators are escaped. */
const cell = (value: Cell | undefined): string => {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export const toCsv = (rows: readonly FlatRow[]): string => {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return [columns.map((c) => cell(c)), ...rows.map((row) => columns.map((column) => cell(row[column])))]
    .map((line) => line.join(','))
    .join('\r\n') + '\r\n';
};

/** The answer's periods as rows: the window first (`period` = total), then the series buckets. */
export const metricAnswerCsv = (answer: Record<string, unknown>): string => {
  const { metric, computedUpTo, tz, groupBy, filters, series, ...total } = answer;
  const head = { metric, computedUpTo, tz, groupBy, filters };
  const periods = [{ period: 'total', ...total }, ...(Array.isArray(series) ? series.map((bucket: Record<string, unknown>) => ({ period: 'bucket', ...bucket })) : [])];
  return toCsv(periods.flatMap((period) => flattenRows({ ...head, ...period })));
};
