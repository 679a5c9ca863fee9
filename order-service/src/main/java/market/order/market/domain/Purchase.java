package market.order.market.domain;

import java.time.Instant;

/**
 * A DataShare purchase by application: a consumer's application for the product under an
 * {@code orderSeq} of its own, and where it stands. {@code request} waits for the provider;
 * {@code ready} is authorized, its deal {@code dealId} waiting for payment; {@code finished} is
 * paid (the consumer holds access); {@code failed} is a deal whose payment settlement refused;
 * {@code canceled} ended without a deal: the provider refused it, the consumer withdrew it or the
 * product closed. {@code outcome} says why it failed or was canceled; {@code decidedAt} is when it
 * left {@code request}, {@code settledAt} when its payment was answered.
 */
public record Purchase(String consumer, String orderSeq, String reason, String buyerKey, long dealId, long price,
        String status, String outcome, Instant appliedAt, Instant decidedAt, Instant settledAt) {

    public static final String REQUEST = "request";
    public static final String READY = "ready";
    public static final String FINISHED = "finished";
    public static final String FAILED = "failed";
    public static final String CANCELED = "canceled";

    /** The purchase's key in its market: one consumer's orderSeq. */
    public static String id(String consumer, String orderSeq) {
        return consumer + "/" + orderSeq;
    }

    public String id() {
        return id(consumer, orderSeq);
    }

    /** Still open: waiting for the provider or for payment. */
    public boolean open() {
        return REQUEST.equals(status) || READY.equals(status);
    }

    /** The provider authorized it: its deal exists. */
    public boolean authorized() {
        return READY.equals(status) || FINISHED.equals(status) || FAILED.equals(status);
    }

    Purchase authorized(Instant at) {
        return with(READY, null, at, null);
    }

    Purchase canceled(String why, Instant at) {
        return with(CANCELED, why, at, null);
    }

    Purchase finished(Instant at) {
        return with(FINISHED, null, decidedAt, at);
    }

    Purchase failed(String why, Instant at) {
        return with(FAILED, why, decidedAt, at);
    }

    private Purchase with(String nextStatus, String why, Instant decided, Instant settled) {
        return new Purchase(consumer, orderSeq, reason, buyerKey, dealId, price, nextStatus, why, appliedAt, decided,
                settled);
    }
}
