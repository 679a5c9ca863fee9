package market.order.web;

import java.time.Instant;
import java.util.Set;
import market.order.command.BuyData;
import market.order.command.OrderToPublish;
import market.order.command.PublishOrder;
import market.order.market.OrderSigning;
import market.platform.crypto.Addresses;
import market.platform.crypto.DatasetOrderSigning;
import market.platform.crypto.Secp256k1;
import market.platform.web.ApiException;
import market.platform.ids.Ids;
import market.platform.web.JsonInput;
import market.platform.web.SignatureVerifier;

/**
 * Reads order and buy bodies into their Avro commands. Shapes and types are checked here,
 * including that an order's fields can be hashed and its {@code sign} is a well-formed
 * signature; who signed it, and every business rule, are the decider's.
 */
final class OrderRequests {

    private static final Set<String> ORDER_FIELDS = Set.of("dataset", "datasetprice", "volume", "tag", "apprestrict",
            "workerpoolrestrict", "requesterrestrict", "salt", "sign");
    private static final Set<String> BUY_FIELDS = Set.of("buyer", "dataset", "maxprice", "buyer_key", "tag", "salt");
    private static final String ZERO_TAG = "0x" + "00".repeat(32);

    private OrderRequests() {}

    /** A publish command, and the hash of the order it carries. */
    record Publication(PublishOrder command, String orderHash) {}

    static Publication publish(byte[] body, String signer, String nonce, Instant now, OrderSigning signing) {
        JsonInput json = JsonInput.object(body, ORDER_FIELDS);
        OrderToPublish order = OrderToPublish.newBuilder()
                .setDataset(address(json, "dataset"))
                .setDatasetprice(json.integer("datasetprice"))
                .setVolume(json.integer("volume"))
                .setTag(bytes32(json, "tag"))
                .setApprestrict(address(json, "apprestrict"))
                .setWorkerpoolrestrict(address(json, "workerpoolrestrict"))
                .setRequesterrestrict(address(json, "requesterrestrict"))
                .setSalt(bytes32(json, "salt"))
                .setSign(json.string("sign"))
                .build();
        String orderHash;
        try {
            orderHash = signing.verified(order).orderHash();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("REQUEST.INVALID_FIELD", e.getMessage());
        }
        return new Publication(PublishOrder.newBuilder().setActor(signer).setNonce(nonce).setIssuedAt(now)
                .setOrder(order).build(), orderHash);
    }

    /**
     * The buy command. Its deal_id derives from the dataset and the signed request (signer, nonce
     * and timestamp): one deal per signed request and dataset, the same when that request is
     * delivered again.
     */
    static BuyData buy(byte[] body, SignatureVerifier.SignedRequest signed, Instant now) {
        String signer = signed.signer();
        JsonInput json = JsonInput.object(body, BUY_FIELDS);
        if (!address(json, "buyer").equals(signer)) {
            throw new ApiException(403, "ORDER.BUYER_NOT_SIGNER", "buyer must be the account that signs");
        }
        String buyerKey = json.string("buyer_key");
        if (!signer.equals(Secp256k1.addressOfPublicKeyHex(buyerKey))) {
            throw ApiException.badRequest("ORDER.BUYER_KEY_MISMATCH",
                    "buyer_key must be the buyer's secp256k1 public key: 0x and 128 hex digits");
        }
        String dataset = address(json, "dataset");
        return BuyData.newBuilder().setActor(signer).setNonce(signed.nonce()).setIssuedAt(now)
                .setDataset(dataset)
                .setMaxPrice(json.amount("maxprice"))
                .setBuyerKey(buyerKey.toLowerCase(java.util.Locale.ROOT))
                .setTag(json.has("tag") ? bytes32(json, "tag") : ZERO_TAG)
                .setSalt(bytes32(json, "salt"))
                .setDealId(Ids.derive("deal:" + dataset, signer, signed.once()))
                .build();
    }

    static String address(JsonInput json, String name) {
        String value = json.string(name);
        if (!Addresses.isAddress(value)) {
            throw ApiException.badRequest("REQUEST.INVALID_FIELD", name + " must be 0x and 40 hex digits");
        }
        return Addresses.normalize(value);
    }

    private static String bytes32(JsonInput json, String name) {
        String value = json.string(name);
        if (!DatasetOrderSigning.isBytes32(value)) {
            throw ApiException.badRequest("REQUEST.INVALID_FIELD", name + " must be 0x and 64 hex digits");
        }
        return value.toLowerCase(java.util.Locale.ROOT);
    }
}
