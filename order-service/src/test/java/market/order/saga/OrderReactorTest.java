package market.order.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import market.order.command.CancelDeal;
import market.order.command.CloseMarket;
import market.order.command.CompleteDeal;
import market.order.command.DescribeProduct;
import market.order.command.OpenMarket;
import market.platform.ids.DatasetAddress;
import market.platform.runtime.Reactions.KeyedCommand;
import market.registry.event.DataPutOnSale;
import market.registry.event.DataRegistrationCompleted;
import market.registry.event.DataRemoved;
import market.settlement.event.FundsDeposited;
import market.settlement.event.PaymentRejected;
import market.settlement.event.PaymentSettled;
import org.junit.jupiter.api.Test;

/** Each followed event becomes the right command, keyed by the dataset address; others are ignored. */
class OrderReactorTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final String PROVIDER = "0x1111111111111111111111111111111111111111";
    private static final String BUYER = "0x2222222222222222222222222222222222222222";
    private final OrderReactor reactor = new OrderReactor(Clock.fixed(NOW, ZoneOffset.UTC));
    private final String dataset = DatasetAddress.of(42);

    @Test
    void dataOnSaleOpensItsMarket() {
        assertThat(reactor.react(new DataPutOnSale(42L, PROVIDER, 600L, NOW, 30L, 4L)))
                .containsExactly(new KeyedCommand(dataset, new OpenMarket(dataset, 42L, PROVIDER, NOW)));
    }

    @Test
    void aRegistrationCompletedBeforeTheFeeSagaOpensItsMarketButOneWithAPendingFeeDoesNot() {
        assertThat(reactor.react(new DataRegistrationCompleted(42L, PROVIDER, List.of(), NOW, 0L, false)))
                .containsExactly(new KeyedCommand(dataset, new OpenMarket(dataset, 42L, PROVIDER, NOW)));
        assertThat(reactor.react(new DataRegistrationCompleted(42L, PROVIDER, List.of(), NOW, 600L, true))).isEmpty();
    }

    @Test
    void removedDataClosesItsMarket() {
        assertThat(reactor.react(new DataRemoved(42L, PROVIDER, NOW))).containsExactly(new KeyedCommand(dataset,
                new CloseMarket(dataset, 42L, OrderReactor.REMOVED, NOW)));
    }

    @Test
    void aClosedDataShareProductClosesItsMarket() {
        assertThat(reactor.react(new market.registry.event.DataShareClosed(42L, PROVIDER, NOW)))
                .containsExactly(new KeyedCommand(dataset, new CloseMarket(dataset, 42L, OrderReactor.PRODUCT_CLOSED, NOW)));
    }

    @Test
    void aDescribedDataShareProductGivesItsMarketItsProductIdAndPrice() {
        var product = new market.registry.event.DescribedProduct("product2", "prodname", "huawei", "", "symmetric", null,
                null, "csv", "mydata1", List.of(1L), List.of(), "org", "channel");
        assertThat(reactor.react(new market.registry.event.DataShareDescribed(42L, PROVIDER, product, NOW, 20_000L)))
                .containsExactly(new KeyedCommand(dataset, new DescribeProduct(dataset, 42L, PROVIDER, "product2",
                        20_000L, NOW)));
        // described before v9 recorded prices: described with none, and applications are refused
        assertThat(reactor.react(new market.registry.event.DataShareDescribed(42L, PROVIDER, product, NOW, 0L)))
                .containsExactly(new KeyedCommand(dataset, new DescribeProduct(dataset, 42L, PROVIDER, "product2", 0L,
                        NOW)));
    }

    @Test
    void aSettledPaymentCompletesTheDealAndARejectedOneCancelsIt() {
        assertThat(reactor.react(new PaymentSettled(PROVIDER, 7L, 42L, dataset, BUYER, 20_000L, NOW)))
                .containsExactly(new KeyedCommand(dataset, new CompleteDeal(dataset, 7L, NOW)));
        assertThat(reactor.react(new PaymentRejected(BUYER, 7L, 42L, dataset, PROVIDER, 20_000L, "insufficient funds",
                NOW))).containsExactly(new KeyedCommand(dataset, new CancelDeal(dataset, 7L, "insufficient funds", NOW)));
    }

    @Test
    void otherEventsCauseNothing() {
        assertThat(reactor.react(new FundsDeposited(BUYER, 1L, "ref", PROVIDER, NOW))).isEmpty();
    }
}
