package market.registry.datashare.keys.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import market.platform.testing.DeciderFixture;
import market.registry.dataset.domain.WrappedKey;
import market.registry.datashare.keys.domain.ProviderKeysCommand.SetUpAbe;
import market.registry.datashare.keys.domain.ProviderKeysCommand.SetUpWatermark;
import market.registry.datashare.keys.domain.ProviderKeysEvent.AbeMasterKeyCreated;
import market.registry.datashare.keys.domain.ProviderKeysEvent.WatermarkKeyCreated;
import org.junit.jupiter.api.Test;

class ProviderKeysDeciderTest {

    private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");
    private static final String PROVIDER = "0x1111111111111111111111111111111111111111";
    private static final String MASTER_ID = "0x" + "ab".repeat(32);
    private static final WrappedKey SEALED = new WrappedKey(new byte[] {1, 2, 3}, "custody-1");
    private static final WrappedKey OTHER = new WrappedKey(new byte[] {4, 5, 6}, "custody-1");

    private final DeciderFixture<ProviderKeysCommand, ProviderKeysEvent, ProviderKeysState> fixture =
            DeciderFixture.of(new ProviderKeysDecider());

    @Test
    void keepsTheFirstMasterKey() {
        ProviderKeysState state = fixture.given()
                .when(new SetUpAbe(PROVIDER, SEALED, MASTER_ID, AT))
                .then(new AbeMasterKeyCreated(PROVIDER, SEALED, MASTER_ID, AT));
        assertThat(state.hasAbe()).isTrue();
        assertThat(state.masterId()).isEqualTo(MASTER_ID);
    }

    @Test
    void aSecondSetUpKeepsTheMasterKeyItHas() {
        fixture.given(new AbeMasterKeyCreated(PROVIDER, SEALED, MASTER_ID, AT))
                .when(new SetUpAbe(PROVIDER, OTHER, "0x" + "cd".repeat(32), AT.plusSeconds(5)))
                .then();
    }

    @Test
    void rejectsAMasterIdThatIsNotAHash() {
        fixture.given().when(new SetUpAbe(PROVIDER, SEALED, "ab".repeat(32), AT))
                .thenRejects("REGISTRY.INVALID_MASTER_ID", "master_id must be 0x and 64 hex digits");
        fixture.given().when(new SetUpAbe(PROVIDER, SEALED, "0x1234", AT))
                .thenRejects("REGISTRY.INVALID_MASTER_ID");
    }

    @Test
    void keepsTheFirstWatermarkKeyBesideTheMasterKey() {
        fixture.given(new AbeMasterKeyCreated(PROVIDER, SEALED, MASTER_ID, AT))
                .when(new SetUpWatermark(PROVIDER, OTHER, AT))
                .then(new WatermarkKeyCreated(PROVIDER, OTHER, AT));
        fixture.given(new WatermarkKeyCreated(PROVIDER, OTHER, AT))
                .when(new SetUpWatermark(PROVIDER, SEALED, AT.plusSeconds(1)))
                .then();
    }

    private static final String BUYER = "0x2222222222222222222222222222222222222222";
    private static final String ATTRIBUTES = "[{\"name\":\"att3\",\"type\":\"comparable\",\"value\":\"17\"}]";
    private static final byte[] BOX = {9, 8, 7};
    private static final ProviderKeysEvent MASTER = new AbeMasterKeyCreated(PROVIDER, SEALED, MASTER_ID, AT);
    private static final ProviderKeysEvent APPLIED =
            new ProviderKeysEvent.AbeKeyApplied(PROVIDER, BUYER, "seq-1", ATTRIBUTES, "0x04", "research", 50_000, AT);

    private static ProviderKeysCommand.ApplyAbeKey apply(String orderSeq, String attributes) {
        return new ProviderKeysCommand.ApplyAbeKey(BUYER, PROVIDER, orderSeq, attributes, "0x04", "research", 50_000, AT);
    }

    @Test
    void aBuyerAppliesForAnAttributeKey() {
        ProviderKeysState state = fixture.given(MASTER).when(apply("seq-1", ATTRIBUTES)).then(APPLIED);
        assertThat(state.keyOrders().get(AbeKeyOrder.id(BUYER, "seq-1")).status()).isEqualTo(AbeKeyOrder.REQUEST);
    }

    @Test
    void theSameApplicationAgainChangesNothingAnotherUnderItsSeqIsRefused() {
        fixture.given(MASTER, APPLIED).when(apply("seq-1", ATTRIBUTES)).then();
        fixture.given(MASTER, APPLIED).when(apply("seq-1", "[]"))
                .thenRejects("REGISTRY.ORDER_EXISTS", "The buyer already has an order seq-1 with this provider");
    }

    @Test
    void anApplicationNeedsAMasterKeyAnotherAccountAndAGoodSeq() {
        fixture.given().when(apply("seq-1", ATTRIBUTES))
                .thenRejects("REGISTRY.ABE_NOT_SET_UP", "The provider has no ABE master key: abe-setup makes one");
        fixture.given(MASTER).when(new ProviderKeysCommand.ApplyAbeKey(PROVIDER, PROVIDER, "seq-1", ATTRIBUTES, "0x04", "",
                0, AT)).thenRejects("REGISTRY.OWN_MASTER_KEY", "The provider holds its master key and applies to no one");
        fixture.given(MASTER).when(apply("bad seq", ATTRIBUTES)).thenRejects("REGISTRY.INVALID_ORDER_SEQ");
    }

    @Test
    void theProviderIssuesTheKeyOnce() {
        ProviderKeysState state = fixture.given(MASTER, APPLIED)
                .when(new ProviderKeysCommand.AuthorizeAbeKey(PROVIDER, BUYER, "seq-1", true, "[]", BOX, MASTER_ID, "", 0, AT))
                .then(new ProviderKeysEvent.AbeKeyIssued(PROVIDER, BUYER, "seq-1", "[]", BOX, MASTER_ID, AT));
        AbeKeyOrder order = state.keyOrders().get(AbeKeyOrder.id(BUYER, "seq-1"));
        assertThat(order.status()).isEqualTo(AbeKeyOrder.FINISHED);
        assertThat(order.grantedAttributes()).isEqualTo("[]");
        assertThat(order.sealedUserKey()).isEqualTo(BOX);
        fixture.given(MASTER, APPLIED, new ProviderKeysEvent.AbeKeyIssued(PROVIDER, BUYER, "seq-1", "[]", BOX, MASTER_ID, AT))
                .when(new ProviderKeysCommand.AuthorizeAbeKey(PROVIDER, BUYER, "seq-1", false, null, null, null, "no", 0, AT))
                .thenRejects("REGISTRY.ORDER_DECIDED", "The order is already finished");
    }

    @Test
    void theProviderRefusesAnOrder() {
        ProviderKeysState state = fixture.given(MASTER, APPLIED)
                .when(new ProviderKeysCommand.AuthorizeAbeKey(PROVIDER, BUYER, "seq-1", false, null, null, null, "no", 0, AT))
                .then(new ProviderKeysEvent.AbeKeyRefused(PROVIDER, BUYER, "seq-1", "no", AT));
        assertThat(state.keyOrders().get(AbeKeyOrder.id(BUYER, "seq-1")).status()).isEqualTo(AbeKeyOrder.CANCELED);
    }

    @Test
    void anAuthorizationNeedsTheOrderTheKeyAndTheProvidersMasterKey() {
        fixture.given(MASTER).when(new ProviderKeysCommand.AuthorizeAbeKey(PROVIDER, BUYER, "seq-9", true, "[]", BOX,
                MASTER_ID, "", 0, AT)).thenRejects("REGISTRY.ORDER_NOT_FOUND", "The order does not exist");
        fixture.given(MASTER, APPLIED).when(new ProviderKeysCommand.AuthorizeAbeKey(PROVIDER, BUYER, "seq-1", true, "[]",
                new byte[0], MASTER_ID, "", 0, AT)).thenRejects("REGISTRY.KEY_MISSING");
        fixture.given(MASTER, APPLIED).when(new ProviderKeysCommand.AuthorizeAbeKey(PROVIDER, BUYER, "seq-1", true, "[]",
                BOX, "0x" + "cd".repeat(32), "", 0, AT)).thenRejects("REGISTRY.MASTER_KEY_MISMATCH");
    }

    private static final long PRICE = 10_000;
    private static final ProviderKeysEvent PRICED = new ProviderKeysEvent.AbeKeyPriced(PROVIDER, BUYER, "seq-1", "[]",
            MASTER_ID, PRICE, ProviderKeysDecider.paymentId(PROVIDER, BUYER, "seq-1"), AT);

    @Test
    void aPricedKeyWaitsForItsPaymentAndNoKeyIsWrittenBefore() {
        ProviderKeysState state = fixture.given(MASTER, APPLIED)
                .when(new ProviderKeysCommand.AuthorizeAbeKey(PROVIDER, BUYER, "seq-1", true, "[]", null, MASTER_ID, "",
                        PRICE, AT))
                .then(PRICED);
        AbeKeyOrder order = state.keyOrders().get(AbeKeyOrder.id(BUYER, "seq-1"));
        assertThat(order.status()).isEqualTo(AbeKeyOrder.READY);
        assertThat(order.price()).isEqualTo(PRICE);
        assertThat(order.sealedUserKey()).isNull();
        // one payment id per order, another for another orderSeq
        assertThat(ProviderKeysDecider.paymentId(PROVIDER, BUYER, "seq-1"))
                .isNotEqualTo(ProviderKeysDecider.paymentId(PROVIDER, BUYER, "seq-2"));
        fixture.given(MASTER, APPLIED).when(new ProviderKeysCommand.AuthorizeAbeKey(PROVIDER, BUYER, "seq-1", true, "[]",
                null, MASTER_ID, "", -1, AT)).thenRejects("REGISTRY.INVALID_PRICE", "price must be 0 or more");
        // never above what the buyer signed to pay at most
        fixture.given(MASTER, APPLIED).when(new ProviderKeysCommand.AuthorizeAbeKey(PROVIDER, BUYER, "seq-1", true, "[]",
                null, MASTER_ID, "", 50_001, AT)).thenRejects("REGISTRY.PRICE_ABOVE_MAX");
        fixture.given(MASTER, new ProviderKeysEvent.AbeKeyApplied(PROVIDER, BUYER, "seq-1", ATTRIBUTES, "0x04", "", 0, AT))
                .when(new ProviderKeysCommand.AuthorizeAbeKey(PROVIDER, BUYER, "seq-1", true, "[]", null, MASTER_ID, "",
                        1, AT)).thenRejects("REGISTRY.PRICE_ABOVE_MAX");
        fixture.given(MASTER).when(new ProviderKeysCommand.ApplyAbeKey(BUYER, PROVIDER, "seq-1", ATTRIBUTES, "0x04", "",
                -1, AT)).thenRejects("REGISTRY.INVALID_PRICE");
        fixture.given(MASTER, APPLIED, PRICED).when(new ProviderKeysCommand.AuthorizeAbeKey(PROVIDER, BUYER, "seq-1",
                true, "[]", null, MASTER_ID, "", PRICE, AT)).thenRejects("REGISTRY.ORDER_DECIDED",
                "The order is already ready");
    }

    @Test
    void thePaidKeyIsIssuedOnceWithTheAttributesGranted() {
        ProviderKeysState state = fixture.given(MASTER, APPLIED, PRICED)
                .when(new ProviderKeysCommand.IssuePaidAbeKey(PROVIDER, BUYER, "seq-1", BOX, AT.plusSeconds(3)))
                .then(new ProviderKeysEvent.AbeKeyIssued(PROVIDER, BUYER, "seq-1", "[]", BOX, MASTER_ID,
                        AT.plusSeconds(3)));
        AbeKeyOrder order = state.keyOrders().get(AbeKeyOrder.id(BUYER, "seq-1"));
        assertThat(order.status()).isEqualTo(AbeKeyOrder.FINISHED);
        assertThat(order.decidedAt()).isEqualTo(AT);
        assertThat(order.price()).isEqualTo(PRICE);
        ProviderKeysEvent issued = new ProviderKeysEvent.AbeKeyIssued(PROVIDER, BUYER, "seq-1", "[]", BOX, MASTER_ID, AT);
        fixture.given(MASTER, APPLIED, PRICED, issued)
                .when(new ProviderKeysCommand.IssuePaidAbeKey(PROVIDER, BUYER, "seq-1", null, AT)).then();
        fixture.given(MASTER, APPLIED).when(new ProviderKeysCommand.IssuePaidAbeKey(PROVIDER, BUYER, "seq-1", BOX, AT))
                .thenRejects("REGISTRY.ORDER_NOT_READY", "The order is request, not waiting for its payment");
        fixture.given(MASTER, APPLIED, PRICED)
                .when(new ProviderKeysCommand.IssuePaidAbeKey(PROVIDER, BUYER, "seq-1", null, AT))
                .thenRejects("REGISTRY.KEY_MISSING");
        fixture.given(MASTER).when(new ProviderKeysCommand.IssuePaidAbeKey(PROVIDER, BUYER, "seq-1", BOX, AT))
                .thenRejects("REGISTRY.ORDER_NOT_FOUND");
    }

    @Test
    void aRefusedPaymentFailsThePricedOrderOnce() {
        ProviderKeysState state = fixture.given(MASTER, APPLIED, PRICED)
                .when(new ProviderKeysCommand.FailAbeKeyPayment(PROVIDER, BUYER, "seq-1", "insufficient funds", AT))
                .then(new ProviderKeysEvent.AbeKeyPaymentFailed(PROVIDER, BUYER, "seq-1", "insufficient funds", AT));
        AbeKeyOrder order = state.keyOrders().get(AbeKeyOrder.id(BUYER, "seq-1"));
        assertThat(order.status()).isEqualTo(AbeKeyOrder.FAILED);
        assertThat(order.refusal()).isEqualTo("insufficient funds");
        ProviderKeysEvent failed = new ProviderKeysEvent.AbeKeyPaymentFailed(PROVIDER, BUYER, "seq-1", "x", AT);
        fixture.given(MASTER, APPLIED, PRICED, failed)
                .when(new ProviderKeysCommand.FailAbeKeyPayment(PROVIDER, BUYER, "seq-1", "x", AT)).then();
        fixture.given(MASTER, APPLIED, PRICED, failed)
                .when(new ProviderKeysCommand.IssuePaidAbeKey(PROVIDER, BUYER, "seq-1", BOX, AT))
                .thenRejects("REGISTRY.ORDER_NOT_READY");
        fixture.given(MASTER, APPLIED)
                .when(new ProviderKeysCommand.FailAbeKeyPayment(PROVIDER, BUYER, "seq-1", "x", AT))
                .thenRejects("REGISTRY.ORDER_NOT_READY");
    }

    @Test
    void theStateHoldsBothKeys() {
        ProviderKeysDecider decider = new ProviderKeysDecider();
        ProviderKeysState state = decider.evolve(decider.evolve(decider.initialState(),
                new AbeMasterKeyCreated(PROVIDER, SEALED, MASTER_ID, AT)), new WatermarkKeyCreated(PROVIDER, OTHER, AT));

        assertThat(state.hasAbe()).isTrue();
        assertThat(state.masterId()).isEqualTo(MASTER_ID);
        assertThat(state.watermarkKey()).isEqualTo(OTHER);
    }
}
