package market.order.market.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import market.order.market.domain.MarketCommand.BuyData;
import market.order.market.domain.MarketCommand.CancelDeal;
import market.order.market.domain.MarketCommand.CancelOrder;
import market.order.market.domain.MarketCommand.CloseMarket;
import market.order.market.domain.MarketCommand.CompleteDeal;
import market.order.market.domain.MarketCommand.OpenMarket;
import market.order.market.domain.MarketCommand.PublishOrder;
import market.order.market.domain.MarketEvent.DealCancelled;
import market.order.market.domain.MarketEvent.DealCompleted;
import market.order.market.domain.MarketEvent.DealCreated;
import market.order.market.domain.MarketEvent.MarketClosed;
import market.order.market.domain.MarketEvent.MarketOpened;
import market.order.market.domain.MarketEvent.OrderCancelled;
import market.order.market.domain.MarketEvent.OrderPublished;
import market.platform.crypto.Addresses;
import market.platform.domain.Rejection;
import market.platform.testing.DeciderFixture;
import org.junit.jupiter.api.Test;

/**
 * Every rule of {@link MarketDecider} given/when/then: opening and closing a market, publishing
 * and cancelling orders, matching a purchase to the best order, and settling deals.
 */
class MarketDeciderTest {

    static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");
    static final Instant LATER = AT.plusSeconds(60);
    static final String DATASET = "0xcb781f3106e25e2a9408c4b89c47034877223d12";
    static final String PROVIDER = "0x1111111111111111111111111111111111111111";
    static final String BUYER = "0x2222222222222222222222222222222222222222";
    static final String BUYER2 = "0x3333333333333333333333333333333333333333";
    static final String STRANGER = "0x4444444444444444444444444444444444444444";
    static final String BUYER_KEY = "0x04" + "ab".repeat(64);
    static final long DATA_ID = 42L;
    static final String NO_TAG = "0x" + "00".repeat(32);
    static final String TAG_1 = "0x" + "00".repeat(31) + "01";
    static final String TAG_2 = "0x" + "00".repeat(31) + "02";
    static final String TAG_3 = "0x" + "00".repeat(31) + "03";
    static final String HASH_A = "0x" + "a1".repeat(32);
    static final String HASH_B = "0x" + "b2".repeat(32);
    static final String HASH_C = "0x" + "c3".repeat(32);
    static final String NOT_ON_SALE = "The data is not on sale";
    static final String NO_MATCH = "No open order matches the request";
    static final String PURCHASED = "The data has already been purchased";
    static final String NOT_PENDING = "The deal is not pending payment";

    private final DeciderFixture<MarketCommand, MarketEvent, MarketState> fixture =
            DeciderFixture.of(new MarketDecider());

    static DatasetOrder order(String hash, long price, long volume, String tag, String requesterrestrict,
            String signer) {
        return new DatasetOrder(DATASET, price, volume, tag, Addresses.ZERO, Addresses.ZERO, requesterrestrict,
                "0x" + "5a".repeat(32), "0x" + "99".repeat(65), hash, signer);
    }

    static DatasetOrder order(String hash, long price, long volume) {
        return order(hash, price, volume, NO_TAG, Addresses.ZERO, PROVIDER);
    }

    static MarketOpened opened() {
        return new MarketOpened(DATASET, DATA_ID, PROVIDER, AT);
    }

    static OrderPublished published(DatasetOrder order) {
        return new OrderPublished(DATASET, order, AT);
    }

    static OrderPublished published(String hash, long price, long volume) {
        return published(order(hash, price, volume));
    }

    static BuyData buy(String buyer, long maxPrice, String tag, long dealId) {
        return new BuyData(buyer, DATASET, maxPrice, BUYER_KEY, tag, dealId, LATER);
    }

    static BuyData buy(String buyer, long dealId) {
        return buy(buyer, 100, NO_TAG, dealId);
    }

    static DealCreated created(long dealId, String hash, String buyer, long price) {
        return new DealCreated(DATASET, DATA_ID, dealId, hash, buyer, PROVIDER, price, BUYER_KEY, LATER);
    }

    static DealCompleted completed(long dealId, String buyer, long price) {
        return new DealCompleted(DATASET, DATA_ID, dealId, buyer, PROVIDER, price, BUYER_KEY, LATER);
    }

    static DealCancelled cancelled(long dealId, String hash, String buyer) {
        return new DealCancelled(DATASET, DATA_ID, dealId, hash, buyer, "insufficient funds", LATER);
    }

    @Test
    void startsAsAnEmptyMarket() {
        MarketState state = new MarketDecider().initialState();
        assertThat(state).isEqualTo(new MarketState(null, 0, null, false, false, Map.of(), Map.of()));
        assertThat(state.orders()).isEmpty();
        assertThat(state.deals()).isEmpty();
    }

    @Test
    void opensTheMarketWhenTheRegistryPutsDataOnSale() {
        MarketState state = fixture.given().when(new OpenMarket(DATASET, DATA_ID, PROVIDER, AT)).then(opened());
        assertThat(state.onSale()).isTrue();
        assertThat(state.removed()).isFalse();
        assertThat(state.dataset()).isEqualTo(DATASET);
        assertThat(state.dataId()).isEqualTo(DATA_ID);
        assertThat(state.provider()).isEqualTo(PROVIDER);
    }

    @Test
    void openingAnOpenMarketAgainChangesNothing() {
        fixture.given(opened()).when(new OpenMarket(DATASET, DATA_ID, PROVIDER, LATER)).then();
    }

    @Test
    void aRemovedDatasetNeverReopens() {
        MarketState state = fixture.given(opened(), new MarketClosed(DATASET, DATA_ID, "removed", List.of(), LATER))
                .when(new OpenMarket(DATASET, DATA_ID, PROVIDER, LATER)).then();
        assertThat(state.onSale()).isFalse();
    }

    @Test
    void aCloseThatArrivesBeforeTheOpenKeepsTheMarketShut() {
        MarketState state = fixture.given(new MarketClosed(DATASET, DATA_ID, "removed", List.of(), AT))
                .when(new OpenMarket(DATASET, DATA_ID, PROVIDER, LATER)).then();
        assertThat(state.removed()).isTrue();
        assertThat(state.onSale()).isFalse();
    }

    @Test
    void closingTheMarketClosesOpenAndFilledOrdersInPublicationOrder() {
        MarketState state = fixture.given(opened(), published(HASH_A, 5, 10), published(HASH_B, 3, 1),
                        published(HASH_C, 4, 10), created(1, HASH_B, BUYER, 3),
                        new OrderCancelled(DATASET, HASH_C, AT))
                .when(new CloseMarket(DATASET, DATA_ID, "removed", LATER))
                .then(new MarketClosed(DATASET, DATA_ID, "removed", List.of(HASH_A, HASH_B), LATER));
        assertThat(state.onSale()).isFalse();
        assertThat(state.removed()).isTrue();
        assertThat(state.orders().get(HASH_A).status()).isEqualTo(OrderStatus.CLOSED);
        assertThat(state.orders().get(HASH_B).status()).isEqualTo(OrderStatus.CLOSED);
        assertThat(state.orders().get(HASH_C).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void closingAClosedMarketChangesNothing() {
        fixture.given(opened(), new MarketClosed(DATASET, DATA_ID, "removed", List.of(), AT))
                .when(new CloseMarket(DATASET, DATA_ID, "removed", LATER)).then();
    }

    @Test
    void noOneBuysFromAClosedMarket() {
        fixture.given(opened(), published(HASH_A, 5, 10),
                        new MarketClosed(DATASET, DATA_ID, "removed", List.of(HASH_A), LATER))
                .when(buy(BUYER, 1)).thenRejects("ORDER.DATA_NOT_ON_SALE", NOT_ON_SALE);
    }

    @Test
    void theProviderPublishesAnOrder() {
        DatasetOrder order = order(HASH_A, 5, 10);
        MarketState state = fixture.given(opened(), published(HASH_B, 7, 1))
                .when(new PublishOrder(PROVIDER, order, AT)).then(published(order));
        OrderEntry entry = state.orders().get(HASH_A);
        assertThat(entry.status()).isEqualTo(OrderStatus.OPEN);
        assertThat(entry.remaining()).isEqualTo(10);
        assertThat(entry.seq()).isEqualTo(1);
        assertThat(entry.publishedAt()).isEqualTo(AT);
        assertThat(state.orders().keySet()).containsExactly(HASH_B, HASH_A);
    }

    @Test
    void rejectsAnOrderWithoutVolume() {
        Rejection rejection = fixture.given(opened()).when(new PublishOrder(PROVIDER, order(HASH_A, 5, 0), AT))
                .thenRejects("ORDER.INVALID_VOLUME", "volume must be more than 0");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.INVALID);
        fixture.given().when(new PublishOrder(STRANGER, order(HASH_A, 5, -1), AT))
                .thenRejects("ORDER.INVALID_VOLUME", "volume must be more than 0");
    }

    @Test
    void rejectsAnOrderWithoutPrice() {
        Rejection rejection = fixture.given(opened()).when(new PublishOrder(PROVIDER, order(HASH_A, 0, 1), AT))
                .thenRejects("ORDER.INVALID_PRICE", "datasetprice must be more than 0");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.INVALID);
    }

    @Test
    void rejectsAnOrderWithAMalformedTag() {
        fixture.given(opened()).when(new PublishOrder(PROVIDER, order(HASH_A, 5, 1, "0x01", Addresses.ZERO,
                PROVIDER), AT)).thenRejects("ORDER.INVALID_TAG", "tag must be 0x and 64 hex digits");
    }

    @Test
    void rejectsAnOrderSignedByAnotherAccount() {
        Rejection rejection = fixture.given(opened())
                .when(new PublishOrder(PROVIDER, order(HASH_A, 5, 1, NO_TAG, Addresses.ZERO, STRANGER), AT))
                .thenRejects("ORDER.SIGNATURE_MISMATCH", "The order is not signed by the requesting account");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.FORBIDDEN);
    }

    @Test
    void rejectsAnOrderForDataNotOnSale() {
        Rejection rejection = fixture.given().when(new PublishOrder(PROVIDER, order(HASH_A, 5, 1), AT))
                .thenRejects("ORDER.DATA_NOT_ON_SALE", NOT_ON_SALE);
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.CONFLICT);
        fixture.given(opened(), new MarketClosed(DATASET, DATA_ID, "removed", List.of(), AT))
                .when(new PublishOrder(PROVIDER, order(HASH_A, 5, 1), LATER))
                .thenRejects("ORDER.DATA_NOT_ON_SALE", NOT_ON_SALE);
    }

    @Test
    void rejectsAnOrderFromAnyoneButTheProvider() {
        Rejection rejection = fixture.given(opened())
                .when(new PublishOrder(STRANGER, order(HASH_A, 5, 1, NO_TAG, Addresses.ZERO, STRANGER), AT))
                .thenRejects("ORDER.NOT_PROVIDER", "Only provider can publish orders");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.FORBIDDEN);
    }

    @Test
    void rejectsAnOrderPublishedTwiceWhateverItsStatus() {
        fixture.given(opened(), published(HASH_A, 5, 1))
                .when(new PublishOrder(PROVIDER, order(HASH_A, 5, 1), LATER))
                .thenRejects("ORDER.ALREADY_PUBLISHED", "The order has already been published");
        fixture.given(opened(), published(HASH_A, 5, 1), new OrderCancelled(DATASET, HASH_A, AT))
                .when(new PublishOrder(PROVIDER, order(HASH_A, 5, 1), LATER))
                .thenRejects("ORDER.ALREADY_PUBLISHED", "The order has already been published");
    }

    @Test
    void theProviderCancelsAnOpenOrder() {
        MarketState state = fixture.given(opened(), published(HASH_A, 5, 10))
                .when(new CancelOrder(PROVIDER, DATASET, HASH_A, LATER))
                .then(new OrderCancelled(DATASET, HASH_A, LATER));
        assertThat(state.orders().get(HASH_A).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(state.openOrders()).isEmpty();
    }

    @Test
    void cancellingAnUnknownOrderIsNotFound() {
        Rejection rejection = fixture.given(opened()).when(new CancelOrder(PROVIDER, DATASET, HASH_A, LATER))
                .thenRejects("ORDER.NOT_FOUND", "The order does not exist");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.NOT_FOUND);
    }

    @Test
    void rejectsCancellationByAnyoneButTheSigner() {
        Rejection rejection = fixture.given(opened(), published(HASH_A, 5, 10))
                .when(new CancelOrder(STRANGER, DATASET, HASH_A, LATER))
                .thenRejects("ORDER.NOT_OWNER", "Only provider can cancel the order");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.FORBIDDEN);
    }

    @Test
    void cancellingACancelledOrderAgainChangesNothing() {
        fixture.given(opened(), published(HASH_A, 5, 10), new OrderCancelled(DATASET, HASH_A, AT))
                .when(new CancelOrder(PROVIDER, DATASET, HASH_A, LATER)).then();
    }

    @Test
    void aClosedOrderCannotBeCancelled() {
        Rejection rejection = fixture.given(opened(), published(HASH_A, 5, 10),
                        new MarketClosed(DATASET, DATA_ID, "removed", List.of(HASH_A), AT))
                .when(new CancelOrder(PROVIDER, DATASET, HASH_A, LATER))
                .thenRejects("ORDER.NOT_OPEN", "The order is not open");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.CONFLICT);
    }

    @Test
    void aFilledOrderMayBeCancelled() {
        MarketState state = fixture.given(opened(), published(HASH_A, 5, 1), created(1, HASH_A, BUYER, 5))
                .when(new CancelOrder(PROVIDER, DATASET, HASH_A, LATER))
                .then(new OrderCancelled(DATASET, HASH_A, LATER));
        assertThat(state.orders().get(HASH_A).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void aCancelledDealDoesNotReopenACancelledOrder() {
        MarketState state = fixture.given(opened(), published(HASH_A, 5, 1), created(1, HASH_A, BUYER, 5),
                        new OrderCancelled(DATASET, HASH_A, AT))
                .when(new CancelDeal(DATASET, 1, "insufficient funds", LATER))
                .then(cancelled(1, HASH_A, BUYER));
        assertThat(state.orders().get(HASH_A).remaining()).isEqualTo(1);
        assertThat(state.orders().get(HASH_A).status()).isEqualTo(OrderStatus.CANCELLED);
        fixture.given(opened(), published(HASH_A, 5, 1), created(1, HASH_A, BUYER, 5),
                        new OrderCancelled(DATASET, HASH_A, AT), cancelled(1, HASH_A, BUYER))
                .when(buy(BUYER2, 2)).thenRejects("ORDER.DATA_NOT_ON_SALE", NOT_ON_SALE);
    }

    @Test
    void aBuyerTakesOneUnitOfTheOpenOrder() {
        MarketState state = fixture.given(opened(), published(HASH_A, 5, 10))
                .when(buy(BUYER, 1)).then(created(1, HASH_A, BUYER, 5));
        assertThat(state.orders().get(HASH_A).remaining()).isEqualTo(9);
        Deal deal = state.deals().get(1L);
        assertThat(deal.status()).isEqualTo(DealStatus.PENDING_PAYMENT);
        assertThat(deal.price()).isEqualTo(5);
        assertThat(deal.createdAt()).isEqualTo(LATER);
        assertThat(deal.settledAt()).isNull();
        assertThat(state.holdsAccessOrPending(BUYER)).isTrue();
    }

    @Test
    void rejectsAMaxPriceBelowOne() {
        Rejection rejection = fixture.given(opened(), published(HASH_A, 5, 10)).when(buy(BUYER, 0, NO_TAG, 1))
                .thenRejects("ORDER.INVALID_PRICE", "max price must be more than 0");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.INVALID);
        fixture.given().when(buy(BUYER, -1, NO_TAG, 1))
                .thenRejects("ORDER.INVALID_PRICE", "max price must be more than 0");
    }

    @Test
    void rejectsAMalformedRequestTag() {
        fixture.given(opened(), published(HASH_A, 5, 10)).when(buy(BUYER, 100, "0x" + "zz".repeat(32), 1))
                .thenRejects("ORDER.INVALID_TAG", "tag must be 0x and 64 hex digits");
        fixture.given(opened(), published(HASH_A, 5, 10)).when(buy(BUYER, 100, "00".repeat(32), 1))
                .thenRejects("ORDER.INVALID_TAG", "tag must be 0x and 64 hex digits");
    }

    @Test
    void aRetriedPurchaseWithTheSameDealIdChangesNothing() {
        MarketState state = fixture.given(opened(), published(HASH_A, 5, 10), created(1, HASH_A, BUYER, 5))
                .when(buy(BUYER, 1)).then();
        assertThat(state.orders().get(HASH_A).remaining()).isEqualTo(9);
        fixture.given(opened(), published(HASH_A, 5, 10), created(1, HASH_A, BUYER, 5),
                        new MarketClosed(DATASET, DATA_ID, "removed", List.of(HASH_A), LATER))
                .when(buy(BUYER, 1)).then();
    }

    @Test
    void aDealIdOfAnotherBuyerIsNeverTakenOver() {
        fixture.given(opened(), published(HASH_A, 5, 10), created(1, HASH_A, BUYER, 5))
                .when(buy(STRANGER, 1)).thenRejects("ORDER.DEAL_ID_TAKEN", "The deal id belongs to another buyer");
    }

    @Test
    void noOneBuysDataThatIsNotOnSale() {
        Rejection rejection = fixture.given().when(buy(BUYER, 1))
                .thenRejects("ORDER.DATA_NOT_ON_SALE", NOT_ON_SALE);
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.CONFLICT);
    }

    @Test
    void rejectsASecondPurchaseWhilePaymentIsPending() {
        Rejection rejection = fixture.given(opened(), published(HASH_A, 5, 10), created(1, HASH_A, BUYER, 5))
                .when(buy(BUYER, 2)).thenRejects("ORDER.ALREADY_PURCHASED", PURCHASED);
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.CONFLICT);
    }

    @Test
    void rejectsASecondPurchaseOfPaidData() {
        fixture.given(opened(), published(HASH_A, 5, 10), created(1, HASH_A, BUYER, 5), completed(1, BUYER, 5))
                .when(buy(BUYER, 2)).thenRejects("ORDER.ALREADY_PURCHASED", PURCHASED);
    }

    @Test
    void aBuyerWhoseDealWasCancelledMayBuyAgain() {
        MarketState state = fixture.given(opened(), published(HASH_A, 5, 10), created(1, HASH_A, BUYER, 5),
                        cancelled(1, HASH_A, BUYER))
                .when(buy(BUYER, 2)).then(created(2, HASH_A, BUYER, 5));
        assertThat(state.orders().get(HASH_A).remaining()).isEqualTo(9);
    }

    @Test
    void theProviderCannotBuyItsOwnData() {
        Rejection rejection = fixture.given(opened(), published(HASH_A, 5, 10)).when(buy(PROVIDER, 1))
                .thenRejects("ORDER.OWN_DATA", "The provider cannot buy its own data");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.FORBIDDEN);
    }

    @Test
    void dataWithoutAnOpenOrderIsNotOnSale() {
        fixture.given(opened()).when(buy(BUYER, 1)).thenRejects("ORDER.DATA_NOT_ON_SALE", NOT_ON_SALE);
        fixture.given(opened(), published(HASH_A, 5, 10), new OrderCancelled(DATASET, HASH_A, AT))
                .when(buy(BUYER, 1)).thenRejects("ORDER.DATA_NOT_ON_SALE", NOT_ON_SALE);
    }

    @Test
    void rejectsAMaxPriceBelowEveryOrder() {
        Rejection rejection = fixture.given(opened(), published(HASH_A, 5, 10), published(HASH_B, 7, 10))
                .when(buy(BUYER, 4, NO_TAG, 1)).thenRejects("ORDER.NO_MATCH", NO_MATCH);
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.CONFLICT);
    }

    @Test
    void aMaxPriceEqualToThePriceMatches() {
        fixture.given(opened(), published(HASH_A, 5, 10)).when(buy(BUYER, 5, NO_TAG, 1))
                .then(created(1, HASH_A, BUYER, 5));
    }

    @Test
    void theLowestPriceWinsThenTheOldestOrder() {
        fixture.given(opened(), published(HASH_A, 5, 10), published(HASH_B, 3, 10), published(HASH_C, 3, 10))
                .when(buy(BUYER, 1)).then(created(1, HASH_B, BUYER, 3));
        fixture.given(opened(), published(HASH_C, 3, 10), published(HASH_B, 3, 10), published(HASH_A, 5, 10))
                .when(buy(BUYER, 1)).then(created(1, HASH_C, BUYER, 3));
    }

    @Test
    void aFilledOrderLeavesTheNextBestToTheNextBuyer() {
        fixture.given(opened(), published(HASH_A, 3, 1), published(HASH_B, 4, 10), created(1, HASH_A, BUYER, 3))
                .when(buy(BUYER2, 2)).then(created(2, HASH_B, BUYER2, 4));
    }

    @Test
    void anOrderWhoseTagCoversTheRequestTagMatches() {
        fixture.given(opened(), published(order(HASH_A, 5, 10, TAG_3, Addresses.ZERO, PROVIDER)))
                .when(buy(BUYER, 100, TAG_1, 1)).then(created(1, HASH_A, BUYER, 5));
        fixture.given(opened(), published(order(HASH_A, 5, 10, TAG_1, Addresses.ZERO, PROVIDER)))
                .when(buy(BUYER, 100, NO_TAG, 1)).then(created(1, HASH_A, BUYER, 5));
    }

    @Test
    void anOrderMissingABitOfTheRequestTagDoesNotMatch() {
        fixture.given(opened(), published(order(HASH_A, 5, 10, TAG_1, Addresses.ZERO, PROVIDER)))
                .when(buy(BUYER, 100, TAG_2, 1)).thenRejects("ORDER.NO_MATCH", NO_MATCH);
        fixture.given(opened(), published(order(HASH_A, 2, 10)),
                        published(order(HASH_B, 5, 10, TAG_3, Addresses.ZERO, PROVIDER)))
                .when(buy(BUYER, 100, TAG_2, 1)).then(created(1, HASH_B, BUYER, 5));
    }

    @Test
    void aRestrictedOrderSellsOnlyToItsRequester() {
        OrderPublished restricted = published(order(HASH_A, 5, 10, NO_TAG, BUYER, PROVIDER));
        fixture.given(opened(), restricted).when(buy(BUYER, 1)).then(created(1, HASH_A, BUYER, 5));
        fixture.given(opened(), restricted).when(buy(BUYER2, 1)).thenRejects("ORDER.NO_MATCH", NO_MATCH);
    }

    @Test
    void afterVolumeDealsTheNextBuyerFindsNothingOnSale() {
        MarketState state = fixture.given(opened(), published(HASH_A, 5, 2), created(1, HASH_A, BUYER, 5))
                .when(buy(BUYER2, 2)).then(created(2, HASH_A, BUYER2, 5));
        assertThat(state.orders().get(HASH_A).remaining()).isZero();
        assertThat(state.orders().get(HASH_A).status()).isEqualTo(OrderStatus.FILLED);
        fixture.given(opened(), published(HASH_A, 5, 2), created(1, HASH_A, BUYER, 5), created(2, HASH_A, BUYER2, 5))
                .when(buy(STRANGER, 3)).thenRejects("ORDER.DATA_NOT_ON_SALE", NOT_ON_SALE);
    }

    @Test
    void aCancelledDealReleasesItsUnitToTheNextBuyer() {
        fixture.given(opened(), published(HASH_A, 5, 1), created(1, HASH_A, BUYER, 5), cancelled(1, HASH_A, BUYER))
                .when(buy(BUYER2, 2)).then(created(2, HASH_A, BUYER2, 5));
    }

    @Test
    void aPaidDealCompletes() {
        MarketState state = fixture.given(opened(), published(HASH_A, 5, 10), created(1, HASH_A, BUYER, 5))
                .when(new CompleteDeal(DATASET, 1, LATER)).then(completed(1, BUYER, 5));
        Deal deal = state.deals().get(1L);
        assertThat(deal.status()).isEqualTo(DealStatus.COMPLETED);
        assertThat(deal.settledAt()).isEqualTo(LATER);
        assertThat(state.orders().get(HASH_A).remaining()).isEqualTo(9);
        assertThat(state.holdsAccessOrPending(BUYER)).isTrue();
    }

    @Test
    void completingAnUnknownDealIsNotFound() {
        Rejection rejection = fixture.given(opened()).when(new CompleteDeal(DATASET, 1, LATER))
                .thenRejects("ORDER.DEAL_NOT_FOUND", "The deal does not exist");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.NOT_FOUND);
    }

    @Test
    void completingACompletedDealAgainChangesNothing() {
        fixture.given(opened(), published(HASH_A, 5, 10), created(1, HASH_A, BUYER, 5), completed(1, BUYER, 5))
                .when(new CompleteDeal(DATASET, 1, LATER)).then();
    }

    @Test
    void aCancelledDealCannotComplete() {
        Rejection rejection = fixture.given(opened(), published(HASH_A, 5, 10), created(1, HASH_A, BUYER, 5),
                        cancelled(1, HASH_A, BUYER))
                .when(new CompleteDeal(DATASET, 1, LATER)).thenRejects("ORDER.DEAL_NOT_PENDING", NOT_PENDING);
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.CONFLICT);
    }

    @Test
    void aRefusedPaymentCancelsTheDealAndRestoresTheVolume() {
        MarketState state = fixture.given(opened(), published(HASH_A, 5, 1), created(1, HASH_A, BUYER, 5))
                .when(new CancelDeal(DATASET, 1, "insufficient funds", LATER))
                .then(cancelled(1, HASH_A, BUYER));
        assertThat(state.orders().get(HASH_A).remaining()).isEqualTo(1);
        assertThat(state.orders().get(HASH_A).status()).isEqualTo(OrderStatus.OPEN);
        Deal deal = state.deals().get(1L);
        assertThat(deal.status()).isEqualTo(DealStatus.CANCELLED);
        assertThat(deal.reason()).isEqualTo("insufficient funds");
        assertThat(deal.settledAt()).isEqualTo(LATER);
        assertThat(state.holdsAccessOrPending(BUYER)).isFalse();
    }

    @Test
    void cancellingAnUnknownDealIsNotFound() {
        fixture.given(opened()).when(new CancelDeal(DATASET, 1, "insufficient funds", LATER))
                .thenRejects("ORDER.DEAL_NOT_FOUND", "The deal does not exist");
    }

    @Test
    void cancellingACancelledDealAgainChangesNothing() {
        MarketState state = fixture.given(opened(), published(HASH_A, 5, 1), created(1, HASH_A, BUYER, 5),
                        cancelled(1, HASH_A, BUYER))
                .when(new CancelDeal(DATASET, 1, "insufficient funds", LATER)).then();
        assertThat(state.orders().get(HASH_A).remaining()).isEqualTo(1);
    }

    @Test
    void aCompletedDealCannotBeCancelled() {
        Rejection rejection = fixture.given(opened(), published(HASH_A, 5, 10), created(1, HASH_A, BUYER, 5),
                        completed(1, BUYER, 5))
                .when(new CancelDeal(DATASET, 1, "insufficient funds", LATER))
                .thenRejects("ORDER.DEAL_NOT_PENDING", NOT_PENDING);
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.CONFLICT);
    }

    @Test
    void aDealOnAClosedMarketStillSettles() {
        fixture.given(opened(), published(HASH_A, 5, 10), created(1, HASH_A, BUYER, 5),
                        new MarketClosed(DATASET, DATA_ID, "removed", List.of(HASH_A), LATER))
                .when(new CompleteDeal(DATASET, 1, LATER)).then(completed(1, BUYER, 5));
    }
}
