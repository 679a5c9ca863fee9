package market.registry.datashare.watermark;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import market.platform.crypto.Hashes;

/**
 * Marks for CSV tables, after Agrawal and Kiernan, "Watermarking Relational Databases" (VLDB
 * 2002). A row's identity is its first field and its fields that are not numbers, which marking
 * never changes (a visible {@code watermark} column is left out of it, so adding or removing that
 * column leaves the blind mark readable). For each numeric field (not the first) a MAC under the provider's key of the
 * identity and the column's name decides whether the field is marked (one in
 * {@value #GAMMA}), which code bit it carries and the bit's mask; a marked field's last digit is
 * moved by one so the parity of its digits is the code bit masked. Reading recomputes the same
 * MACs and votes, so shuffled rows and deleted rows change nothing but the number of votes.
 * Visible: a {@code watermark} column holding the mark in every row.
 */
final class TableWatermark {

    static final int GAMMA = 2;
    /** Marked fields needed for a blind mark: about four votes a code bit. */
    static final int MIN_MARKED = 400;
    static final String VISIBLE_COLUMN = "watermark";
    private static final Pattern NUMBER = Pattern.compile("(-?)([0-9]{1,18})(?:\\.([0-9]{1,9}))?");

    private TableWatermark() {}

    static int markableFields(CsvTable table, WatermarkKey key) {
        int[] marked = new int[1];
        visit(table, key, (row, column, bit, mask) -> marked[0]++);
        return marked[0];
    }

    static CsvTable embedBlind(CsvTable table, WatermarkKey key, String mark) {
        boolean[] code = key.code(mark);
        List<List<String>> rows = new ArrayList<>();
        table.rows().forEach(row -> rows.add(new ArrayList<>(row)));
        visit(table, key, (row, column, bit, mask) -> {
            String field = rows.get(row).get(column);
            rows.get(row).set(column, withParity(field, code[bit] ^ mask));
        });
        return new CsvTable(table.header(), rows, table.lineEnding());
    }

    static MarkReading read(CsvTable table, WatermarkKey key) {
        MarkReading reading = new MarkReading();
        visit(table, key, (row, column, bit, mask) -> {
            boolean parity = parity(table.rows().get(row).get(column)) ^ mask;
            reading.vote(bit, parity ? 1 : -1);
        });
        return reading;
    }

    static CsvTable embedVisible(CsvTable table, String mark) {
        List<String> header = new ArrayList<>(table.header());
        header.add(VISIBLE_COLUMN);
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row : table.rows()) {
            List<String> marked = new ArrayList<>(row);
            marked.add(mark);
            rows.add(marked);
        }
        return new CsvTable(header, rows, table.lineEnding());
    }

    /** The value of a visible watermark column, if the table has one with one value throughout. */
    static String visibleMark(CsvTable table) {
        int column = table.header().indexOf(VISIBLE_COLUMN);
        if (column < 0 || table.rows().isEmpty()) {
            return null;
        }
        String value = table.rows().get(0).get(column);
        for (List<String> row : table.rows()) {
            if (!row.get(column).equals(value)) {
                return null;
            }
        }
        return value;
    }

    private interface FieldVisitor {
        void field(int row, int column, int bit, boolean mask);
    }

    private static void visit(CsvTable table, WatermarkKey key, FieldVisitor visitor) {
        for (int r = 0; r < table.rows().size(); r++) {
            List<String> row = table.rows().get(r);
            byte[] identity = identity(table.header(), row);
            for (int c = 1; c < row.size(); c++) {
                if (!NUMBER.matcher(row.get(c)).matches()) {
                    continue;
                }
                byte[] mac = key.mac("market-watermark-table-1", identity, Hashes.utf8(table.header().get(c)));
                if ((mac[0] & 0xFF) % GAMMA != 0) {
                    continue;
                }
                int bit = ((mac[1] & 0xFF) << 8 | mac[2] & 0xFF) % WatermarkKey.CODE_BITS;
                visitor.field(r, c, bit, (mac[3] & 1) == 1);
            }
        }
    }

    private static byte[] identity(List<String> header, List<String> row) {
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < row.size(); c++) {
            if (c == 0 || !NUMBER.matcher(row.get(c)).matches() && !header.get(c).equals(VISIBLE_COLUMN)) {
                text.append(header.get(c)).append('=').append(row.get(c).length()).append(':').append(row.get(c)).append('\u001f');
            }
        }
        return Hashes.utf8(text.toString());
    }

    private static boolean parity(String field) {
        char last = field.charAt(field.length() - 1);
        return (last - '0') % 2 == 1;
    }

    /**
     * The number with its last digit moved by one when its parity is not {@code bit}: up, except
     * from 9, so the field keeps its sign, its digits and its decimals.
     */
    private static String withParity(String field, boolean bit) {
        if (parity(field) == bit) {
            return field;
        }
        char last = field.charAt(field.length() - 1);
        char moved = (char) (last == '9' ? '8' : last + 1);
        return field.substring(0, field.length() - 1) + moved;
    }
}
