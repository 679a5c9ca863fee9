package market.registry.dataset.domain;

import java.util.Arrays;

/**
 * A fragment's encryption key sealed with the registry's custody key (AES-GCM). Only this form
 * is ever stored or emitted; {@link #toString()} shows no bytes.
 */
public record WrappedKey(byte[] sealed, String custodyKeyId) {

    public WrappedKey {
        sealed = sealed.clone();
    }

    @Override
    public byte[] sealed() {
        return sealed.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WrappedKey that && Arrays.equals(sealed, that.sealed)
                && custodyKeyId.equals(that.custodyKeyId);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(sealed) + custodyKeyId.hashCode();
    }

    @Override
    public String toString() {
        return "WrappedKey[" + sealed.length + " bytes, custody key " + custodyKeyId + "]";
    }
}
