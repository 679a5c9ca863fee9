package market.platform.content;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * CAR version 1 (ipld/specs "CARv1"), the trustless gateway's {@code application/vnd.ipld.car}:
 * a varint-prefixed dag-cbor header {@code {"roots": [cid], "version": 1}}, then one section per
 * block, each a varint of the section's length, the binary CID and the block bytes. The writer
 * streams sections as they come; the reader reads one section at a time and bounds its size.
 */
public final class Car {

    /** No section of a UnixFS file made here is larger: a 256 KiB leaf or a node of 174 links. */
    public static final int MAX_SECTION = 2 * 1024 * 1024;
    private static final int MAX_HEADER = 4096;

    private Car() {}

    /** The header of a CAR with one root, in canonical dag-cbor (keys by length, then bytes). */
    public static byte[] header(Cid root) {
        ByteArrayOutputStream cbor = new ByteArrayOutputStream(64);
        cbor.write(0xA2); // map of 2
        text(cbor, "roots");
        cbor.write(0x81); // array of 1
        cbor.write(0xD8); // tag 42: a CID
        cbor.write(42);
        byte[] cid = root.bytes();
        cbor.write(0x58); // byte string, 1-byte length: 0x00 (identity multibase) and the CID
        cbor.write(cid.length + 1);
        cbor.write(0);
        cbor.writeBytes(cid);
        text(cbor, "version");
        cbor.write(0x01);
        ByteArrayOutputStream out = new ByteArrayOutputStream(cbor.size() + 2);
        Varint.write(out, cbor.size());
        out.writeBytes(cbor.toByteArray());
        return out.toByteArray();
    }

    private static void text(ByteArrayOutputStream cbor, String text) {
        cbor.write(0x60 + text.length());
        cbor.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes one section: length, CID, block. */
    public static void section(OutputStream out, Cid cid, byte[] block) throws IOException {
        byte[] id = cid.bytes();
        ByteArrayOutputStream prefix = new ByteArrayOutputStream(8 + id.length);
        Varint.write(prefix, (long) id.length + block.length);
        prefix.writeBytes(id);
        prefix.writeTo(out);
        out.write(block);
    }

    /** A block read from a CAR: the CID the CAR names for it, not yet checked against the bytes. */
    public record Section(Cid cid, byte[] block) {}

    /** Reads a CAR stream section by section. */
    public static final class Reader {
        private final InputStream in;
        private final List<Cid> roots;

        public Reader(InputStream in) throws IOException {
            this.in = in;
            long length = Varint.read(in);
            if (length <= 0 || length > MAX_HEADER) {
                throw new IOException("not a CAR: bad header length");
            }
            this.roots = roots(in.readNBytes((int) length), (int) length);
        }

        public List<Cid> roots() {
            return roots;
        }

        /** The next section, or null at the end of the CAR. */
        public Section next() throws IOException {
            long length = Varint.read(in);
            if (length < 0) {
                return null;
            }
            if (length == 0 || length > MAX_SECTION) {
                throw new IOException("CAR section of " + length + " bytes");
            }
            byte[] section = in.readNBytes((int) length);
            if (section.length != length) {
                throw new IOException("the CAR ends inside a section");
            }
            try {
                Varint.Reader reader = new Varint.Reader(section, 0, section.length);
                Cid cid = Cid.read(reader);
                return new Section(cid, reader.bytes(reader.remaining()));
            } catch (IllegalArgumentException e) {
                throw new IOException("bad CID in a CAR section: " + e.getMessage());
            }
        }

        /**
         * This CAR as the source of a {@link DagWalker}: each block asked for must be the next
         * section, as in a CAR written depth first with duplicates ({@code order=dfs; dups=y}).
         * The walker checks each block against its CID.
         */
        public BlockSource inWalkOrder() {
            return cid -> {
                Section section = next();
                if (section == null) {
                    throw new BlockSource.MissingBlockException(cid);
                }
                if (!section.cid().equals(cid)) {
                    throw new IOException("the CAR holds " + section.cid() + " where " + cid + " belongs");
                }
                return section.block();
            };
        }

        /** Reads the dag-cbor header's {@code roots} and checks {@code version} is 1. */
        private static List<Cid> roots(byte[] header, int length) throws IOException {
            if (header.length != length) {
                throw new IOException("the CAR ends inside its header");
            }
            try {
                Cbor cbor = new Cbor(header);
                int entries = cbor.head(5);
                List<Cid> roots = new ArrayList<>();
                long version = -1;
                for (int i = 0; i < entries; i++) {
                    String key = cbor.text();
                    if (key.equals("roots")) {
                        int count = cbor.head(4);
                        for (int r = 0; r < count; r++) {
                            roots.add(cbor.cid());
                        }
                    } else if (key.equals("version")) {
                        version = cbor.head(0);
                    } else {
                        throw new IOException("unknown CAR header field");
                    }
                }
                if (version != 1) {
                    throw new IOException("not a CAR version 1");
                }
                return List.copyOf(roots);
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new IOException("bad CAR header");
            }
        }
    }

    /** The few dag-cbor forms a CAR header uses: maps, arrays, text, unsigned ints, tag 42. */
    private static final class Cbor {
        private final byte[] bytes;
        private int position;

        Cbor(byte[] bytes) {
            this.bytes = bytes;
        }

        int head(int majorType) {
            int initial = bytes[position++] & 0xFF;
            if (initial >>> 5 != majorType) {
                throw new IllegalArgumentException("unexpected CBOR type");
            }
            int info = initial & 0x1F;
            if (info < 24) {
                return info;
            }
            if (info == 24) {
                return bytes[position++] & 0xFF;
            }
            if (info == 25) {
                int value = ((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF);
                position += 2;
                return value;
            }
            throw new IllegalArgumentException("CBOR length too large");
        }

        String text() {
            int length = head(3);
            String text = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return text;
        }

        Cid cid() {
            if (head(6) != 42) {
                throw new IllegalArgumentException("not a CID tag");
            }
            int length = head(2);
            if (length < 1 || bytes[position] != 0) {
                throw new IllegalArgumentException("a CID in CBOR starts with 0x00");
            }
            byte[] cid = java.util.Arrays.copyOfRange(bytes, position + 1, position + length);
            position += length;
            return Cid.fromBytes(cid);
        }
    }
}
