/**
 * One CSV record as RFC 4180 writes it: a field holding a comma, a double quote, a carriage return
 * or a line feed is enclosed in double quotes, with each of its double quotes doubled; the record
 * ends with CRLF. Other fields are written as they are.
 */
export function csvRecord(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** One field, quoted when RFC 4180 requires it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
