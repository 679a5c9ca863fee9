package market.registry.datashare.keys.domain;

import java.time.Instant;

/**
 * An abekey-order: a buyer's application for an ABE attribute key ({@code request}), and how the
 * provider decided it: {@code finished} with the attributes granted and the key sealed to the
 * buyer, or {@code canceled}. The buyer signs the most it pays ({@code maxPrice}, 0 for a free
 * key only). A key with a {@code price} is {@code ready} until the buyer has
 * paid it, then {@code finished}, or {@code failed} when settlement refused the payment
 * ({@code refusal} says why). Attribute sets are canonical JSON.
 */
public record AbeKeyOrder(String buyer, String orderSeq, String attributes, String buyerKey, String reason,
        String status, String grantedAttributes, byte[] sealedUserKey, String masterId, Instant appliedAt,
        Instant decidedAt, String refusal, long price, long maxPrice) {

    public static final String REQUEST = "request";
    public static final String READY = "ready";
    public static final String FINISHED = "finished";
    public static final String FAILED = "failed";
    public static final String CANCELED = "canceled";

    public AbeKeyOrder {
        sealedUserKey = sealedUserKey == null ? null : sealedUserKey.clone();
    }

    @Override
    public byte[] sealedUserKey() {
        return sealedUserKey == null ? null : sealedUserKey.clone();
    }

    /** This order as the provider's decision or its payment left it; what the buyer asked for stays. */
    AbeKeyOrder decided(String nextStatus, String granted, byte[] sealed, String master, Instant decided, String why,
            long atPrice) {
        return new AbeKeyOrder(buyer, orderSeq, attributes, buyerKey, reason, nextStatus, granted, sealed, master,
                appliedAt, decided, why, atPrice, maxPrice);
    }

    /** The order's key in its provider's state: one buyer's orderSeq. */
    public static String id(String buyer, String orderSeq) {
        return buyer + "/" + orderSeq;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AbeKeyOrder o && buyer.equals(o.buyer) && orderSeq.equals(o.orderSeq)
                && attributes.equals(o.attributes) && buyerKey.equals(o.buyerKey) && reason.equals(o.reason)
                && status.equals(o.status) && java.util.Objects.equals(grantedAttributes, o.grantedAttributes)
                && java.util.Arrays.equals(sealedUserKey, o.sealedUserKey) && java.util.Objects.equals(masterId, o.masterId)
                && appliedAt.equals(o.appliedAt) && java.util.Objects.equals(decidedAt, o.decidedAt)
                && java.util.Objects.equals(refusal, o.refusal) && price == o.price && maxPrice == o.maxPrice;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(buyer, orderSeq, status);
    }

    @Override
    public String toString() {
        return "AbeKeyOrder[" + buyer + "/" + orderSeq + " " + status + "]";
    }
}
