package market.cli;

import market.platform.crypto.Hashes;

/**
 * IPFS content ids of sealed fragments: CIDv1 with the raw codec and a sha2-256 multihash,
 * written in multibase base32 (lower case, unpadded, prefix {@code b}), the form
 * {@code ipfs add --cid-version 1 --raw-leaves} prints for a single-block file.
 */
final class Cid {

    private static final byte[] PREFIX = {
        0x01, // CID version 1
        0x55, // multicodec: raw
        0x12, // multihash: sha2-256
        0x20, // digest length: 32 bytes
    };
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

    private Cid() {}

    static String ofRaw(byte[] content) {
        byte[] digest = Hashes.sha256(content);
        byte[] cid = new byte[PREFIX.length + digest.length];
        System.arraycopy(PREFIX, 0, cid, 0, PREFIX.length);
        System.arraycopy(digest, 0, cid, PREFIX.length, digest.length);
        return "b" + base32(cid);
    }

    /** RFC 4648 base32 in lower case without padding. */
    static String base32(byte[] data) {
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
}
