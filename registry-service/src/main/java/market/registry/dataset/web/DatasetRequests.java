package market.registry.dataset.web;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Set;
import market.platform.crypto.Addresses;
import market.platform.web.ApiException;
import market.platform.web.JsonInput;
import market.registry.command.AddDataBegin;
import market.registry.command.AddDataEnd;
import market.registry.command.BeginFragment;
import market.registry.command.EndFragment;
import market.registry.custody.KeyCustody;
import market.registry.dataset.domain.WrappedKey;

/**
 * Reads adddatabegin and adddataend bodies into their Avro commands. Shapes and types are
 * checked here; the business rules are the decider's. At adddataend each plain
 * {@code encrypt_key} is sealed with the custody key before the command exists; a fragment
 * without one (a DataShare sample, stored unencrypted) carries an empty key.
 */
final class DatasetRequests {

    private static final Set<String> BEGIN_FIELDS = Set.of("provider", "datatypename", "price", "detail_fields",
            "period", "data_hash_original", "size", "fragments");
    private static final Set<String> BEGIN_FRAGMENT_FIELDS = Set.of("fragment_no", "size", "hash_original",
            "idfs_cluster_id");
    private static final Set<String> END_FIELDS = Set.of("provider", "fragments");
    private static final Set<String> END_FRAGMENT_FIELDS = Set.of("fragment_no", "cid", "hash_encrypted",
            "encrypt_key");
    private static final int MAX_KEY_LENGTH = 1024;

    private DatasetRequests() {}

    static AddDataBegin begin(byte[] body, String signer, String nonce, long dataId, Instant now) {
        JsonInput json = JsonInput.object(body, BEGIN_FIELDS);
        requireSignerIsProvider(json, signer);
        return AddDataBegin.newBuilder()
                .setActor(signer).setNonce(nonce).setIssuedAt(now).setDataId(dataId)
                .setDatatypeName(json.string("datatypename"))
                .setPrice(json.amount("price"))
                .setDetailFields(json.strings("detail_fields"))
                .setPeriod(json.integer("period"))
                .setDataHashOriginal(json.string("data_hash_original"))
                .setSize(json.integer("size"))
                .setFragments(json.objects("fragments", BEGIN_FRAGMENT_FIELDS).stream()
                        .map(f -> new BeginFragment(f.integer("fragment_no"), f.integer("size"),
                                f.string("hash_original"), f.integer("idfs_cluster_id")))
                        .toList())
                .build();
    }

    static AddDataEnd end(byte[] body, String signer, String nonce, long dataId, Instant now, KeyCustody custody) {
        JsonInput json = JsonInput.object(body, END_FIELDS);
        requireSignerIsProvider(json, signer);
        return AddDataEnd.newBuilder()
                .setActor(signer).setNonce(nonce).setIssuedAt(now).setDataId(dataId)
                .setFragments(json.objects("fragments", END_FRAGMENT_FIELDS).stream().map(f -> {
                    long fragmentNo = f.integer("fragment_no");
                    if (!f.has("encrypt_key")) {
                        // a DataShare sample is stored unencrypted; the decider checks which fragments those are
                        return new EndFragment(fragmentNo, f.string("cid"), f.string("hash_encrypted"),
                                ByteBuffer.allocate(0), "");
                    }
                    String key = f.string("encrypt_key");
                    if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
                        throw ApiException.badRequest("REQUEST.INVALID_FIELD",
                                "encrypt_key must be 1 to " + MAX_KEY_LENGTH + " characters");
                    }
                    WrappedKey wrapped = custody.wrap(dataId, fragmentNo, key);
                    return new EndFragment(fragmentNo, f.string("cid"), f.string("hash_encrypted"),
                            ByteBuffer.wrap(wrapped.sealed()), wrapped.custodyKeyId());
                }).toList())
                .build();
    }

    private static void requireSignerIsProvider(JsonInput json, String signer) {
        if (json.has("provider") && !(Addresses.isAddress(json.string("provider"))
                && Addresses.normalize(json.string("provider")).equals(signer))) {
            throw new ApiException(403, "REGISTRY.PROVIDER_NOT_SIGNER", "provider must be the account that signs");
        }
    }
}
