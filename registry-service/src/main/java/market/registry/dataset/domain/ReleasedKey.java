package market.registry.dataset.domain;

import java.util.Arrays;

/**
 * One fragment key released to a buyer: the ECIES box that only the buyer's private key opens.
 * {@link #toString()} shows no bytes.
 */
public record ReleasedKey(long fragmentNo, byte[] box) {

    public ReleasedKey {
        box = box.clone();
    }

    @Override
    public byte[] box() {
        return box.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReleasedKey that && fragmentNo == that.fragmentNo && Arrays.equals(box, that.box);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(fragmentNo) + Arrays.hashCode(box);
    }

    @Override
    public String toString() {
        return "ReleasedKey[fragment " + fragmentNo + ", " + box.length + " bytes]";
    }
}
