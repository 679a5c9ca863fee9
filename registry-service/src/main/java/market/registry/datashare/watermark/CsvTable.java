package market.registry.datashare.watermark;

import java.util.ArrayList;
import java.util.List;

/**
 * A CSV table (RFC 4180): comma-separated fields, double quotes around fields that hold commas,
 * quotes or line breaks, quotes doubled inside them. The first row is the header. Writing uses
 * the line ending the text used ({@code \r\n} or {@code \n}) and quotes only where needed.
 */
record CsvTable(List<String> header, List<List<String>> rows, String lineEnding) {

    static final int MAX_CELLS = 1_000_000;

    static CsvTable parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean sawQuote = false;
        int cells = 0;
        String lineEnding = text.contains("\r\n") ? "\r\n" : "\n";
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.length() == 0 && !sawQuote) {
                quoted = true;
                sawQuote = true;
            } else if (ch == ',') {
                record.add(field.toString());
                field.setLength(0);
                sawQuote = false;
                if (++cells > MAX_CELLS) {
                    throw new IllegalArgumentException("the table has more than " + MAX_CELLS + " cells");
                }
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                sawQuote = false;
                if (++cells > MAX_CELLS) {
                    throw new IllegalArgumentException("the table has more than " + MAX_CELLS + " cells");
                }
                records.add(record);
                record = new ArrayList<>();
            } else if (sawQuote) {
                throw new IllegalArgumentException("row " + (records.size() + 1) + ": text after a closing quote");
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("the table ends inside a quoted field");
        }
        if (field.length() > 0 || !record.isEmpty() || sawQuote) {
            record.add(field.toString());
            records.add(record);
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException("the table is empty");
        }
        int width = records.get(0).size();
        for (int r = 1; r < records.size(); r++) {
            if (records.get(r).size() != width) {
                throw new IllegalArgumentException("row " + (r + 1) + " has " + records.get(r).size()
                        + " fields, the header " + width);
            }
        }
        return new CsvTable(records.get(0), records.subList(1, records.size()), lineEnding);
    }

    String write() {
        StringBuilder out = new StringBuilder();
        writeRecord(out, header);
        for (List<String> row : rows) {
            writeRecord(out, row);
        }
        return out.toString();
    }

    private void writeRecord(StringBuilder out, List<String> record) {
        for (int i = 0; i < record.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String field = record.get(i);
            if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0) {
                out.append('"').append(field.replace("\"", "\"\"")).append('"');
            } else {
                out.append(field);
            }
        }
        out.append(lineEnding);
    }
}
