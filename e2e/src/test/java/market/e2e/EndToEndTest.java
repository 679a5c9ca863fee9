package market.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the end-to-end tests: the shared {@link MarketPlatform} and its {@link Flows}, and the
 * conservation check after every test: all balances, the treasury's included, equal deposits
 * minus withdrawals, with nothing left in flight.
 */
abstract class EndToEndTest {

    static MarketPlatform platform;
    static Flows flows;

    @BeforeAll
    static void startPlatform() {
        platform = MarketPlatform.shared();
        flows = new Flows(platform);
    }

    @AfterEach
    void everyUnitIsAccountedFor() {
        flows.assertConserved();
    }
}
