package market.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import market.order.event.DealCompleted;
import market.order.event.DealCreated;
import market.order.event.OrderPublished;
import market.order.event.PublishedOrder;
import market.registry.event.KeysReleased;
import market.registry.event.ReleasedKey;
import market.schemas.Topics;
import market.settlement.event.FundsDeposited;
import market.settlement.event.PaymentDebited;
import market.settlement.event.PaymentSettled;
import org.junit.jupiter.api.Test;

/**
 * The explorer's views folded from events as the topics deliver them: a purchase's events in any
 * order across topics give the same deal and order book, the ledger counts money in flight
 * between a debit and its credit, and the live feed never shows a key.
 */
class ExplorerTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:15:30Z");
    private static final String DATASET = "0x4eb278d79abc39a28e27e6f38c8f8744adb592c0";
    private static final String BUYER = "0xc3d8b943de1255c8b09e531ced65174cd853f3e8";
    private static final String PROVIDER = "0xa87ec8fa164c9002206e46a85898de4038862d49";
    private static final String ORDER = "0x70bdeb";

    private final Explorer explorer = new Explorer();

    @Test
    void aDealCompletedWithItsKeysIsShownWhicheverTopicIsReadFirst() {
        explorer.apply(Topics.REGISTRY_EVENTS, new KeysReleased(7L, 99L, BUYER, "0x04buyerkey",
                List.of(new ReleasedKey(1L, java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}))), NOW));
        explorer.apply(Topics.ORDER_EVENTS, new DealCompleted(DATASET, 7L, 99L, BUYER, PROVIDER, 20_000L, "0x04buyerkey", NOW));
        explorer.apply(Topics.ORDER_EVENTS, new OrderPublished(DATASET, new PublishedOrder(DATASET, 20_000L, 5L, "0x0",
                "0x0", "0x0", "0x0", "0x01", "0xsig", ORDER, PROVIDER), NOW));
        explorer.apply(Topics.ORDER_EVENTS, new DealCreated(DATASET, 7L, 99L, ORDER, BUYER, PROVIDER, 20_000L,
                "0x04buyerkey", NOW));

        Explorer.Overview overview = explorer.overview(50);
        assertThat(overview.deals()).singleElement().satisfies(deal -> {
            assertThat(deal.status()).isEqualTo("COMPLETED");
            assertThat(deal.keysReleased()).isTrue();
            assertThat(deal.price()).isEqualTo("2.0000 OSB");
        });
        assertThat(overview.orders()).singleElement().satisfies(order -> {
            assertThat(order.remaining()).isEqualTo("4");
            assertThat(order.status()).isEqualTo("OPEN");
        });
        assertThat(overview.purchases()).singleElement().satisfies(minute -> {
            assertThat(minute.minute()).isEqualTo("2026-12-07T10:15:00Z");
            assertThat(minute.count()).isEqualTo(1);
        });
    }

    @Test
    void theLedgerCountsAPaymentInFlightUntilItsCredit() {
        explorer.apply(Topics.SETTLEMENT_EVENTS, new FundsDeposited(BUYER, 30_000L, "rail-1", "0xoperator", NOW));
        explorer.apply(Topics.SETTLEMENT_EVENTS, new PaymentDebited(BUYER, 99L, 7L, DATASET, PROVIDER, 20_000L, NOW));
        assertThat(explorer.overview(50).ledger().inFlight()).isEqualTo("2.0000 OSB");
        assertThat(explorer.overview(50).ledger().balanced()).isTrue();

        explorer.apply(Topics.SETTLEMENT_EVENTS, new PaymentSettled(PROVIDER, 99L, 7L, DATASET, BUYER, 20_000L, NOW));
        var ledger = explorer.overview(50).ledger();
        assertThat(ledger.inFlight()).isEqualTo("0.0000 OSB");
        assertThat(ledger.balanced()).isTrue();
        assertThat(ledger.accounts()).extracting(a -> a.account() + " " + a.balance())
                .containsExactly(PROVIDER + " 2.0000 OSB", BUYER + " 1.0000 OSB");
    }

    @Test
    void theLiveFeedShowsIdsAndAmountsButNoKey() {
        explorer.apply(Topics.ORDER_EVENTS, new DealCreated(DATASET, 7L, 99L, ORDER, BUYER, PROVIDER, 20_000L,
                "0x04buyerkey", NOW));
        var item = explorer.feed().follow().blockFirst();
        assertThat(item.type()).isEqualTo("DealCreated");
        assertThat(item.topic()).isEqualTo("order.events");
        assertThat(item.time()).isEqualTo("2026-12-07T10:15:30Z");
        assertThat(item.fields()).containsEntry("deal_id", "99").containsEntry("price", "2.0000 OSB")
                .doesNotContainKey("buyer_key");
        assertThat(item.fields().values()).noneMatch(value -> value.contains("buyerkey"));
    }
}
