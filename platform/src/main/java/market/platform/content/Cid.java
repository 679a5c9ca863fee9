package market.platform.content;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import market.platform.crypto.Hashes;

/**
 * An IPFS content id, version 1, with a sha2-256 multihash: {@code 0x01}, the multicodec of the
 * block ({@link #RAW} for a leaf of file bytes, {@link #DAG_PB} for a UnixFS node), {@code 0x12 0x20}
 * and the 32-byte digest of the block. Its text form is multibase base32, lower case, unpadded,
 * prefix {@code b}, as {@code ipfs add --cid-version=1} prints it ({@code bafkrei…}, {@code bafybei…}).
 * Spec: multiformats/cid, multicodec table, multibase RFC 4648 base32.
 */
public record Cid(int codec, byte[] digest) {

    public static final int RAW = 0x55;
    public static final int DAG_PB = 0x70;
    private static final int VERSION = 1;
    private static final int SHA2_256 = 0x12;
    private static final int DIGEST_BYTES = 32;
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    /** Longer text is never a CID of this form; checked before decoding untrusted input. */
    private static final int MAX_TEXT = 80;

    public Cid {
        if (codec != RAW && codec != DAG_PB) {
            throw new IllegalArgumentException("codec must be raw (0x55) or dag-pb (0x70)");
        }
        if (digest.length != DIGEST_BYTES) {
            throw new IllegalArgumentException("a sha2-256 digest has 32 bytes");
        }
        digest = digest.clone();
    }

    /** The CID of {@code block} under {@code codec}. */
    public static Cid of(int codec, byte[] block) {
        return new Cid(codec, sha256(block, 0, block.length));
    }

    /** True when {@code block} hashes to this CID's digest. */
    public boolean matches(byte[] block) {
        return MessageDigest.isEqual(digest, sha256(block, 0, block.length));
    }

    /** The binary form: version, codec, multihash. */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(38);
        Varint.write(out, VERSION);
        Varint.write(out, codec);
        Varint.write(out, SHA2_256);
        Varint.write(out, DIGEST_BYTES);
        out.writeBytes(digest);
        return out.toByteArray();
    }

    /** Reads a binary CID from {@code in} at {@code offset}; the reader's position ends after it. */
    public static Cid read(Varint.Reader in) {
        if (in.next() != VERSION) {
            throw new IllegalArgumentException("only CID version 1 is supported");
        }
        int codec = (int) in.next();
        if (in.next() != SHA2_256 || in.next() != DIGEST_BYTES) {
            throw new IllegalArgumentException("only sha2-256 multihashes are supported");
        }
        return new Cid(codec, in.bytes(DIGEST_BYTES));
    }

    public static Cid fromBytes(byte[] bytes) {
        Varint.Reader in = new Varint.Reader(bytes, 0, bytes.length);
        Cid cid = read(in);
        if (in.remaining() != 0) {
            throw new IllegalArgumentException("trailing bytes after the CID");
        }
        return cid;
    }

    /**
     * Parses the base32 text form; throws {@link IllegalArgumentException} with a message that
     * does not repeat the input.
     */
    public static Cid parse(String text) {
        if (text == null || text.length() < 2 || text.length() > MAX_TEXT || text.charAt(0) != 'b') {
            throw new IllegalArgumentException("a CID is multibase base32 text starting with b");
        }
        return fromBytes(base32Decode(text.substring(1)));
    }

    /** True when {@code text} parses as a CID this class supports. */
    public static boolean isCid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "b" + base32Encode(bytes());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cid cid && cid.codec == codec && Arrays.equals(cid.digest, digest);
    }

    @Override
    public int hashCode() {
        return 31 * codec + Arrays.hashCode(digest);
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    static byte[] sha256(byte[] data, int offset, int length) {
        MessageDigest sha = Hashes.sha256Digest();
        sha.update(data, offset, length);
        return sha.digest();
    }

    static String base32Encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    static byte[] base32Decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < text.length(); i++) {
            int value = BASE32.indexOf(text.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("a CID's base32 text has only a-z and 2-7");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xFF);
                bits -= 8;
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) {
            throw new IllegalArgumentException("a CID's base32 text has non-zero padding bits");
        }
        return out.toByteArray();
    }
}
