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
