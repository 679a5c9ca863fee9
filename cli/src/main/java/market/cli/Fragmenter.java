package market.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import market.platform.crypto.AesGcm;
import market.platform.content.UnixFsImporter;
import market.platform.crypto.Hashes;

/**
 * Prepares a file for {@code adddatabegin}: splits it into contiguous fragments of near-equal
 * size, hashes the file and each fragment (SHA-256), and seals each fragment with AES-256-GCM
 * under its own fresh key, bound to its fragment number by the associated data. The sealed
 * bytes are what keepers store; the keys go to the registry only at {@code adddataend}.
 */
final class Fragmenter {

    private Fragmenter() {}

    /** The whole file: its SHA-256, its size and its fragments in order. */
    record Fragmented(String dataHashOriginal, long size, List<Fragment> fragments) {}

    /** One fragment: its plain size and hash, its sealed bytes and their hash and CID, and its key. */
    record Fragment(int fragmentNo, long size, String hashOriginal, byte[] sealed, String hashEncrypted,
            String cid, byte[] key) {

        String encryptKeyHex() {
            return HexFormat.of().formatHex(key);
        }

        @Override
        public String toString() {
            return "Fragment[" + fragmentNo + ", " + size + " bytes, " + cid + "]";
        }
    }

    /**
     * Splits {@code content} into {@code count} fragments; the first {@code size % count} are one
     * byte longer than the rest.
     *
     * @throws IllegalArgumentException when the content is empty or shorter than {@code count}
     */
    static Fragmented split(byte[] content, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("the number of fragments must be at least 1");
        }
        if (content.length == 0) {
            throw new IllegalArgumentException("the file is empty");
        }
        if (content.length < count) {
            throw new IllegalArgumentException("the file has " + content.length + " bytes, fewer than the "
                    + count + " fragments asked for");
        }
        int base = content.length / count;
        int longer = content.length % count;
        List<Fragment> fragments = new ArrayList<>(count);
        int offset = 0;
        for (int no = 1; no <= count; no++) {
            int size = base + (no <= longer ? 1 : 0);
            fragments.add(seal(no, Arrays.copyOfRange(content, offset, offset + size)));
            offset += size;
        }
        return new Fragmented(Hashes.sha256Hex(content), content.length, List.copyOf(fragments));
    }

    /** The associated data that binds a sealed fragment to its number. */
    static byte[] associatedData(int fragmentNo) {
        return Hashes.utf8("fragment:" + fragmentNo);
    }

    private static Fragment seal(int fragmentNo, byte[] plain) {
        byte[] key = AesGcm.newKey();
        byte[] sealed = AesGcm.seal(key, plain, associatedData(fragmentNo));
        return new Fragment(fragmentNo, plain.length, Hashes.sha256Hex(plain), sealed, Hashes.sha256Hex(sealed),
                UnixFsImporter.cidOf(sealed).toString(), key);
    }
}
