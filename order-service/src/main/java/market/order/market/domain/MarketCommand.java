package market.order.market.domain;

import java.time.Instant;

/** Commands on a dataset's market, keyed by the dataset's address (lower case). */
public sealed interface MarketCommand {

    String dataset();

    /** The registry put the data on sale. */
    record OpenMarket(String dataset, long dataId, String provider, Instant at) implements MarketCommand {}

    /** The registry removed the data. */
    record CloseMarket(String dataset, long dataId, String reason, Instant at) implements MarketCommand {}

    /** {@code signer} signed the request that carries {@code order}. */
    record PublishOrder(String signer, DatasetOrder order, Instant at) implements MarketCommand {
        @Override
        public String dataset() {
            return order.dataset();
        }
    }

    record CancelOrder(String signer, String dataset, String orderHash, Instant at) implements MarketCommand {}

    /**
     * A request to buy access for at most {@code maxPrice}; {@code tag} is bytes32 hex (zero for
     * none) and {@code buyerKey} the hex of the buyer's public key. {@code dealId} is chosen by the
     * caller, so a retried request names the same deal.
     */
    record BuyData(String buyer, String dataset, long maxPrice, String buyerKey, String tag, long dealId,
            Instant at) implements MarketCommand {}

    /** Settlement took the payment. */
    record CompleteDeal(String dataset, long dealId, Instant at) implements MarketCommand {}

    /** Settlement refused the payment. */
    record CancelDeal(String dataset, long dealId, String reason, Instant at) implements MarketCommand {}

    /** The registry described the dataset as a DataShare product, sold by application at {@code price}. */
    record DescribeProduct(String dataset, long dataId, String provider, String productId, long price, Instant at)
            implements MarketCommand {}

    /**
     * {@code consumer} signed an application to buy the product, under its own {@code orderSeq};
     * {@code buyerKey} is the hex of its public key and {@code dealId} the deal an authorization
     * makes, derived by the caller from the dataset, the consumer and the orderSeq.
     */
    record ApplyPurchase(String consumer, String dataset, String orderSeq, String reason, String buyerKey, long dealId,
            Instant at) implements MarketCommand {}

    /** {@code signer} authorizes ({@code approve}) or refuses {@code consumer}'s application {@code orderSeq}. */
    record DecidePurchase(String signer, String dataset, String consumer, String orderSeq, boolean approve,
            String reason, Instant at) implements MarketCommand {}

    /** {@code consumer} withdraws its application {@code orderSeq}. */
    record WithdrawPurchase(String consumer, String dataset, String orderSeq, String reason, Instant at)
            implements MarketCommand {}
}
