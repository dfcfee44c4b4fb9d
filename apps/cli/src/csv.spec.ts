import { csvField, csvRecord } from './csv';

/** Reads CSV as RFC 4180 defines it: the reference the writer is checked against. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) field += c;
    else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 1;
    } else field += c;
  }
  return records;
}

describe('CSV (RFC 4180)', () => {
  it('leaves plain fields as they are and ends each record with CRLF', () => {
    expect(csvRecord(['2026-11-22T09:12:08.048Z', '100000001000', 'SECURITY', ''])).toBe(
      '2026-11-22T09:12:08.048Z,100000001000,SECURITY,\r\n',
    );
  });

  it('quotes a field with a comma, a double quote, a CR or an LF, doubling its quotes', () => {
    expect(csvField('arn:aws:sts::111111111111:assumed-role/Admin/alice,bob')).toBe(
      '"arn:aws:sts::111111111111:assumed-role/Admin/alice,bob"',
    );
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('"')).toBe('""""');
  });

  it('writes records that an RFC 4180 reader reads back field for field', () => {
    const records = [
      ['a', 'b,c', '"quoted"', 'line\r\nbreak', ''],
      ['', ',', '""', '\n', 'x'],
    ];
    expect(parseCsv(records.map(csvRecord).join(''))).toEqual(records);
  });
});
