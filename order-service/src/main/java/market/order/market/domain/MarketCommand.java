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
}
