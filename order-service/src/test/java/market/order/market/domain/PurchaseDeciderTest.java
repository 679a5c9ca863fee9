package market.order.market.domain;

import static market.order.market.domain.MarketDeciderTest.AT;
import static market.order.market.domain.MarketDeciderTest.BUYER;
import static market.order.market.domain.MarketDeciderTest.BUYER2;
import static market.order.market.domain.MarketDeciderTest.BUYER_KEY;
import static market.order.market.domain.MarketDeciderTest.DATASET;
import static market.order.market.domain.MarketDeciderTest.DATA_ID;
import static market.order.market.domain.MarketDeciderTest.HASH_A;
import static market.order.market.domain.MarketDeciderTest.LATER;
import static market.order.market.domain.MarketDeciderTest.PROVIDER;
import static market.order.market.domain.MarketDeciderTest.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import market.order.market.domain.MarketCommand.ApplyPurchase;
import market.order.market.domain.MarketCommand.BuyData;
import market.order.market.domain.MarketCommand.CloseMarket;
import market.order.market.domain.MarketCommand.DecidePurchase;
import market.order.market.domain.MarketCommand.DescribeProduct;
import market.order.market.domain.MarketCommand.WithdrawPurchase;
import market.order.market.domain.MarketEvent.DealCancelled;
import market.order.market.domain.MarketEvent.DealCompleted;
import market.order.market.domain.MarketEvent.DealCreated;
import market.order.market.domain.MarketEvent.MarketClosed;
import market.order.market.domain.MarketEvent.ProductDescribed;
import market.order.market.domain.MarketEvent.PurchaseApplied;
import market.order.market.domain.MarketEvent.PurchaseAuthorized;
import market.order.market.domain.MarketEvent.PurchaseCanceled;
import market.order.market.domain.MarketEvent.PurchaseRefused;
import market.platform.testing.DeciderFixture;
import org.junit.jupiter.api.Test;

/**
 * Every rule of DataShare purchases by application given/when/then: the product described, a
 * consumer's application, the provider's authorization (which makes the deal in the same
 * decision) or refusal, withdrawal, closing the product, and the status the deal's settlement
 * gives the application.
 */
class PurchaseDeciderTest {

    static final long PRICE = 20_000;
    static final long DEAL = 777;
    static final String SEQ = "order-1";
    static final String CLOSED = "The product is closed";

    private final DeciderFixture<MarketCommand, MarketEvent, MarketState> fixture =
            DeciderFixture.of(new MarketDecider());

    static ProductDescribed described() {
        return new ProductDescribed(DATASET, DATA_ID, PROVIDER, "product2", PRICE, AT);
    }

    static ApplyPurchase apply(String consumer, String seq, long dealId) {
        return new ApplyPurchase(consumer, DATASET, seq, "for research", BUYER_KEY, dealId, LATER);
    }

    static PurchaseApplied applied(String consumer, String seq, long dealId) {
        return new PurchaseApplied(DATASET, DATA_ID, consumer, seq, PROVIDER, "product2", "for research", BUYER_KEY,
                dealId, PRICE, LATER);
    }

    static DecidePurchase decide(String signer, boolean approve) {
        return new DecidePurchase(signer, DATASET, BUYER, SEQ, approve, approve ? "" : "not this year", LATER);
    }

    static PurchaseAuthorized authorized() {
        return new PurchaseAuthorized(DATASET, DATA_ID, BUYER, SEQ, DEAL, LATER);
    }

    static DealCreated dealCreated() {
        return new DealCreated(DATASET, DATA_ID, DEAL, "", BUYER, PROVIDER, PRICE, BUYER_KEY, LATER);
    }

    private static MarketEvent[] onSaleWithApplication() {
        return new MarketEvent[] {described(), MarketDeciderTest.opened(), applied(BUYER, SEQ, DEAL)};
    }

    /** The product on sale with BUYER's application, then {@code more}. */
    private static MarketEvent[] withApplication(MarketEvent... more) {
        MarketEvent[] base = onSaleWithApplication();
        MarketEvent[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    static MarketClosed closed() {
        return new MarketClosed(DATASET, DATA_ID, CLOSED, java.util.List.of(), LATER);
    }

    @Test
    void theRegistryDescribesTheProductOnceBeforeItsMarketOpens() {
        MarketState state = fixture.given().when(new DescribeProduct(DATASET, DATA_ID, PROVIDER, "product2", PRICE, AT))
                .then(described());
        assertThat(state.product()).isEqualTo(new Product("product2", PRICE));
        assertThat(state.onSale()).isFalse();
        fixture.given(described()).when(new DescribeProduct(DATASET, DATA_ID, PROVIDER, "product2", PRICE, LATER)).then();
        MarketState opened = fixture.given(described(), MarketDeciderTest.opened()).when(apply(BUYER, SEQ, DEAL))
                .then(applied(BUYER, SEQ, DEAL));
        assertThat(opened.product()).isEqualTo(new Product("product2", PRICE));
    }

    @Test
    void aConsumerAppliesWhileTheProductIsOnSale() {
        MarketState state = fixture.given(described(), MarketDeciderTest.opened()).when(apply(BUYER, SEQ, DEAL))
                .then(applied(BUYER, SEQ, DEAL));
        Purchase purchase = state.purchases().get(Purchase.id(BUYER, SEQ));
        assertThat(purchase.status()).isEqualTo(Purchase.REQUEST);
        assertThat(purchase.price()).isEqualTo(PRICE);
        assertThat(state.purchases().openOf(BUYER)).contains(purchase);
        assertThat(state.purchases().ofDeal(DEAL)).contains(purchase);
        assertThat(state.deals()).isEmpty();
    }

    @Test
    void anApplicationNeedsAProductOnSale() {
        fixture.given().when(apply(BUYER, SEQ, DEAL)).thenRejects("ORDER.PRODUCT_NOT_FOUND", "The product does not exist");
        // a dataset sold by orders only is no product
        fixture.given(MarketDeciderTest.opened()).when(apply(BUYER, SEQ, DEAL)).thenRejects("ORDER.PRODUCT_NOT_FOUND");
        // described, but its registration has not ended
        fixture.given(described()).when(apply(BUYER, SEQ, DEAL))
                .thenRejects("ORDER.DATA_NOT_ON_SALE", MarketDeciderTest.NOT_ON_SALE);
        fixture.given(described(), MarketDeciderTest.opened(), closed()).when(apply(BUYER, SEQ, DEAL))
                .thenRejects("ORDER.PRODUCT_CLOSED", CLOSED);
    }

    @Test
    void anApplicationIsRefusedForBadFieldsTheProviderAndHolders() {
        fixture.given(described(), MarketDeciderTest.opened()).when(apply(BUYER, "-bad", DEAL))
                .thenRejects("ORDER.INVALID_ORDER_SEQ");
        fixture.given(described(), MarketDeciderTest.opened()).when(apply(BUYER, "x".repeat(65), DEAL))
                .thenRejects("ORDER.INVALID_ORDER_SEQ");
        fixture.given(described(), MarketDeciderTest.opened())
                .when(new ApplyPurchase(BUYER, DATASET, SEQ, "r".repeat(1025), BUYER_KEY, DEAL, LATER))
                .thenRejects("ORDER.INVALID_REASON");
        fixture.given(described(), MarketDeciderTest.opened()).when(apply(PROVIDER, SEQ, DEAL))
                .thenRejects("ORDER.OWN_DATA", "The provider cannot buy its own data");
        // a consumer who bought through an order already holds access
        fixture.given(described(), MarketDeciderTest.opened(), MarketDeciderTest.published(HASH_A, 10, 5),
                        MarketDeciderTest.created(5, HASH_A, BUYER, 10))
                .when(apply(BUYER, SEQ, DEAL)).thenRejects("ORDER.ALREADY_PURCHASED", MarketDeciderTest.PURCHASED);
    }

    @Test
    void theSameApplicationAgainChangesNothingAndAnOrderSeqNamesOneApplication() {
        fixture.given(onSaleWithApplication()).when(apply(BUYER, SEQ, DEAL)).then();
        fixture.given(onSaleWithApplication())
                .when(new ApplyPurchase(BUYER, DATASET, SEQ, "another reason", BUYER_KEY, DEAL, LATER))
                .thenRejects("ORDER.ORDER_SEQ_TAKEN");
        // one open application per consumer and product
        fixture.given(onSaleWithApplication()).when(apply(BUYER, "order-2", 778))
                .thenRejects("ORDER.APPLICATION_OPEN");
        // another consumer applies beside it
        fixture.given(onSaleWithApplication()).when(apply(BUYER2, SEQ, 778)).then(applied(BUYER2, SEQ, 778));
        fixture.given(onSaleWithApplication()).when(apply(BUYER2, SEQ, DEAL)).thenRejects("ORDER.DEAL_ID_TAKEN");
    }

    @Test
    void authorizingMakesTheDealAtTheProductsPriceInTheSameDecision() {
        MarketState state = fixture.given(onSaleWithApplication()).when(decide(PROVIDER, true))
                .then(authorized(), dealCreated());
        assertThat(state.purchases().get(Purchase.id(BUYER, SEQ)).status()).isEqualTo(Purchase.READY);
        assertThat(state.deals().get(DEAL).status()).isEqualTo(DealStatus.PENDING_PAYMENT);
        assertThat(state.holdsAccessOrPending(BUYER)).isTrue();
        // an authorized deal takes no unit of any order
        MarketState withOrder = fixture.given(described(), MarketDeciderTest.opened(),
                MarketDeciderTest.published(HASH_A, 10, 5), applied(BUYER, SEQ, DEAL)).when(decide(PROVIDER, true))
                .then(authorized(), dealCreated());
        assertThat(withOrder.orders().get(HASH_A).remaining()).isEqualTo(5);
    }

    @Test
    void onlyTheProviderDecidesAndOnlyOnce() {
        fixture.given(onSaleWithApplication()).when(decide(STRANGER, true))
                .thenRejects("ORDER.NOT_PROVIDER", "Only provider can authorize or refuse the order");
        fixture.given(onSaleWithApplication()).when(decide(BUYER, true)).thenRejects("ORDER.NOT_PROVIDER");
        fixture.given(described(), MarketDeciderTest.opened()).when(decide(PROVIDER, true))
                .thenRejects("ORDER.ORDER_NOT_FOUND", "The order does not exist");
        // the same decision again changes nothing; the other one comes too late
        fixture.given(withApplication(authorized(), dealCreated())).when(decide(PROVIDER, true)).then();
        fixture.given(withApplication(authorized(), dealCreated())).when(decide(PROVIDER, false))
                .thenRejects("ORDER.ORDER_NOT_PENDING", "The order is ready, not waiting for the provider");
        PurchaseRefused refused = new PurchaseRefused(DATASET, DATA_ID, BUYER, SEQ, "not this year", LATER);
        fixture.given(withApplication(refused)).when(decide(PROVIDER, false)).then();
        fixture.given(withApplication(refused)).when(decide(PROVIDER, true))
                .thenRejects("ORDER.ORDER_NOT_PENDING");
        fixture.given(onSaleWithApplication())
                .when(new DecidePurchase(PROVIDER, DATASET, BUYER, SEQ, false, "r".repeat(1025), LATER))
                .thenRejects("ORDER.INVALID_REASON");
    }

    @Test
    void authorizingTheOrderOfAConsumerWhoBoughtMeanwhileCancelsItWithoutASecondDeal() {
        MarketState state = fixture.given(withApplication(MarketDeciderTest.published(HASH_A, 10, 5),
                        MarketDeciderTest.created(5, HASH_A, BUYER, 10)))
                .when(decide(PROVIDER, true))
                .then(new PurchaseCanceled(DATASET, DATA_ID, BUYER, SEQ, MarketDeciderTest.PURCHASED, LATER));
        assertThat(state.purchases().get(Purchase.id(BUYER, SEQ)).status()).isEqualTo(Purchase.CANCELED);
        assertThat(state.deals()).containsOnlyKeys(5L);
    }

    @Test
    void aProductWithoutAPriceIsNotSoldByApplication() {
        fixture.given(new ProductDescribed(DATASET, DATA_ID, PROVIDER, "product2", 0, AT), MarketDeciderTest.opened())
                .when(apply(BUYER, SEQ, DEAL)).thenRejects("ORDER.NO_PRICE");
    }

    @Test
    void aRefusalMakesNoDeal() {
        MarketState state = fixture.given(onSaleWithApplication()).when(decide(PROVIDER, false))
                .then(new PurchaseRefused(DATASET, DATA_ID, BUYER, SEQ, "not this year", LATER));
        Purchase purchase = state.purchases().get(Purchase.id(BUYER, SEQ));
        assertThat(purchase.status()).isEqualTo(Purchase.CANCELED);
        assertThat(purchase.outcome()).isEqualTo("refused by the provider: not this year");
        assertThat(state.deals()).isEmpty();
        assertThat(state.holdsAccessOrPending(BUYER)).isFalse();
        // the consumer may apply again under another orderSeq
        fixture.given(withApplication(new PurchaseRefused(DATASET, DATA_ID, BUYER, SEQ, "", LATER)))
                .when(apply(BUYER, "order-2", 778)).then(applied(BUYER, "order-2", 778));
    }

    @Test
    void thePaidDealFinishesTheOrderAndARefusedPaymentFailsIt() {
        MarketState paid = fixture.given(withApplication(authorized(), dealCreated()))
                .when(new MarketCommand.CompleteDeal(DATASET, DEAL, LATER))
                .then(new DealCompleted(DATASET, DATA_ID, DEAL, BUYER, PROVIDER, PRICE, BUYER_KEY, LATER));
        assertThat(paid.purchases().get(Purchase.id(BUYER, SEQ)).status()).isEqualTo(Purchase.FINISHED);
        assertThat(paid.purchases().get(Purchase.id(BUYER, SEQ)).settledAt()).isEqualTo(LATER);
        assertThat(paid.purchases().openOf(BUYER)).isEmpty();
        MarketState failed = fixture.given(withApplication(authorized(), dealCreated()))
                .when(new MarketCommand.CancelDeal(DATASET, DEAL, "insufficient funds", LATER))
                .then(new DealCancelled(DATASET, DATA_ID, DEAL, "", BUYER, "insufficient funds", LATER));
        Purchase purchase = failed.purchases().get(Purchase.id(BUYER, SEQ));
        assertThat(purchase.status()).isEqualTo(Purchase.FAILED);
        assertThat(purchase.outcome()).isEqualTo("insufficient funds");
        assertThat(failed.holdsAccessOrPending(BUYER)).isFalse();
        // and buying again, by application or order, is open to the consumer
        fixture.given(withApplication(authorized(), dealCreated(),
                        new DealCancelled(DATASET, DATA_ID, DEAL, "", BUYER, "insufficient funds", LATER)))
                .when(apply(BUYER, "order-2", 778)).then(applied(BUYER, "order-2", 778));
    }

    @Test
    void theConsumerWithdrawsOnlyAnUndecidedApplication() {
        MarketState state = fixture.given(onSaleWithApplication())
                .when(new WithdrawPurchase(BUYER, DATASET, SEQ, "changed my mind", LATER))
                .then(new PurchaseCanceled(DATASET, DATA_ID, BUYER, SEQ, "withdrawn by the consumer: changed my mind",
                        LATER));
        assertThat(state.purchases().get(Purchase.id(BUYER, SEQ)).status()).isEqualTo(Purchase.CANCELED);
        fixture.given(withApplication(new PurchaseCanceled(DATASET, DATA_ID, BUYER, SEQ, "", LATER)))
                .when(new WithdrawPurchase(BUYER, DATASET, SEQ, "", LATER)).then();
        fixture.given(withApplication(authorized(), dealCreated()))
                .when(new WithdrawPurchase(BUYER, DATASET, SEQ, "", LATER)).thenRejects("ORDER.ORDER_NOT_PENDING");
        // another consumer's orderSeq is not found under this one
        fixture.given(onSaleWithApplication()).when(new WithdrawPurchase(BUYER2, DATASET, SEQ, "", LATER))
                .thenRejects("ORDER.ORDER_NOT_FOUND");
    }

    @Test
    void closingTheProductCancelsTheApplicationsStillWaitingAndKeepsAuthorizedDeals() {
        CloseMarket close = new CloseMarket(DATASET, DATA_ID, CLOSED, LATER);
        MarketState state = fixture.given(withApplication(applied(BUYER2, "b", 778),
                        new PurchaseAuthorized(DATASET, DATA_ID, BUYER2, "b", 778, LATER),
                        new DealCreated(DATASET, DATA_ID, 778, "", BUYER2, PROVIDER, PRICE, BUYER_KEY, LATER)))
                .when(close)
                .then(new MarketClosed(DATASET, DATA_ID, CLOSED, java.util.List.of(), LATER),
                        new PurchaseCanceled(DATASET, DATA_ID, BUYER, SEQ, CLOSED, LATER));
        assertThat(state.purchases().get(Purchase.id(BUYER, SEQ)).status()).isEqualTo(Purchase.CANCELED);
        assertThat(state.purchases().get(Purchase.id(BUYER2, "b")).status()).isEqualTo(Purchase.READY);
        // the authorized deal is still paid
        MarketState paid = fixture.given(withApplication(applied(BUYER2, "b", 778),
                        new PurchaseAuthorized(DATASET, DATA_ID, BUYER2, "b", 778, LATER),
                        new DealCreated(DATASET, DATA_ID, 778, "", BUYER2, PROVIDER, PRICE, BUYER_KEY, LATER),
                        new MarketClosed(DATASET, DATA_ID, CLOSED, java.util.List.of(), LATER)))
                .when(new MarketCommand.CompleteDeal(DATASET, 778, LATER))
                .then(new DealCompleted(DATASET, DATA_ID, 778, BUYER2, PROVIDER, PRICE, BUYER_KEY, LATER));
        assertThat(paid.purchases().get(Purchase.id(BUYER2, "b")).status()).isEqualTo(Purchase.FINISHED);
        // and a closed product takes no authorization: its waiting orders were canceled with it
        fixture.given(withApplication(new MarketClosed(DATASET, DATA_ID, CLOSED, java.util.List.of(), LATER),
                new PurchaseCanceled(DATASET, DATA_ID, BUYER, SEQ, CLOSED, LATER))).when(decide(PROVIDER, true))
                .thenRejects("ORDER.ORDER_NOT_PENDING", "The order is canceled, not waiting for the provider");
    }

    @Test
    void buyingThroughAnOrderIsRefusedWhileTheAuthorizedDealWaits() {
        fixture.given(withApplication(authorized(), dealCreated(),
                        MarketDeciderTest.published(HASH_A, 10, 5)))
                .when(new BuyData(BUYER, DATASET, 100, BUYER_KEY, MarketDeciderTest.NO_TAG, 5, LATER))
                .thenRejects("ORDER.ALREADY_PURCHASED");
    }
}
