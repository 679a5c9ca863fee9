package market.registry.dataset.domain;

import static market.registry.dataset.domain.DatasetDeciderTest.DATA_ID;
import static market.registry.dataset.domain.DatasetDeciderTest.LATER;
import static market.registry.dataset.domain.DatasetDeciderTest.PROVIDER;
import static market.registry.dataset.domain.DatasetDeciderTest.completed;
import static market.registry.dataset.domain.DatasetDeciderTest.started;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import market.platform.testing.DeciderFixture;
import market.registry.dataset.domain.DatasetCommand.ConfirmStorageFee;
import market.registry.dataset.domain.DatasetCommand.EndStorage;
import market.registry.dataset.domain.DatasetCommand.RemoveData;
import market.registry.dataset.domain.DatasetCommand.FailRegistration;
import market.registry.dataset.domain.DatasetCommand.ReleaseKeys;
import market.registry.dataset.domain.DatasetEvent.DataPutOnSale;
import market.registry.dataset.domain.DatasetEvent.DataRegistrationFailed;
import market.registry.dataset.domain.DatasetEvent.DataRemoved;
import market.registry.dataset.domain.DatasetEvent.DataStorageEnded;
import market.registry.dataset.domain.DatasetEvent.KeysReleased;
import org.junit.jupiter.api.Test;

/** The dataset's saga steps: the storage fee's outcome, and key release on a completed deal. */
class DatasetSagaTest {

    private static final String BUYER = "0x3333333333333333333333333333333333333333";
    private static final String BUYER_KEY = "0x" + "ab".repeat(64);
    private static final List<ReleasedKey> BOXES = List.of(new ReleasedKey(1, new byte[] {7}),
            new ReleasedKey(2, new byte[] {8}));

    private final DeciderFixture<DatasetCommand, DatasetEvent, DatasetState> fixture =
            DeciderFixture.of(new DatasetDecider());

    private static DataPutOnSale onSale() {
        return new DataPutOnSale(DATA_ID, PROVIDER, 600, 30, 2, LATER);
    }

    @Test
    void aChargedFeePutsTheDataOnSale() {
        DatasetState state = fixture.given(started(), completed()).when(new ConfirmStorageFee(DATA_ID, 600, LATER))
                .then(onSale());
        assertThat(state.status()).isEqualTo(DatasetStatus.ON_SALE);
        assertThat(state.feePending()).isFalse();
    }

    @Test
    void dataGoesOnSaleWithThePeriodAndKeeperFeeOfItsRegistration() {
        fixture.given(started(), completed()).when(new ConfirmStorageFee(DATA_ID, 600, LATER))
                .then(new DataPutOnSale(DATA_ID, PROVIDER, 600, started().period(),
                        started().fee().daySingleIDFSfee(), LATER));
        assertThat(started().fee().daySingleIDFSfee()).isEqualTo(2);
    }

    @Test
    void theEndOfItsStorageTermEndsDataOnSaleOnce() {
        DatasetState state = fixture.given(started(), completed(), onSale()).when(new EndStorage(DATA_ID, LATER))
                .then(new DataStorageEnded(DATA_ID, PROVIDER, LATER));
        assertThat(state.status()).isEqualTo(DatasetStatus.STORAGE_ENDED);
        assertThat(state.status().code()).isEqualTo(3);
        fixture.given(started(), completed(), onSale(), new DataStorageEnded(DATA_ID, PROVIDER, LATER))
                .when(new EndStorage(DATA_ID, LATER)).then();
    }

    @Test
    void theEndOfAStorageTermChangesNothingForRemovedDataAndIsNotFoundForUnknownData() {
        fixture.given(started(), completed(), onSale(), new DataRemoved(DATA_ID, PROVIDER, LATER))
                .when(new EndStorage(DATA_ID, LATER)).then();
        fixture.given().when(new EndStorage(DATA_ID, LATER)).thenRejects("REGISTRY.DATA_NOT_FOUND");
    }

    @Test
    void dataWhoseStorageEndedCannotBeRemoved() {
        fixture.given(started(), completed(), onSale(), new DataStorageEnded(DATA_ID, PROVIDER, LATER))
                .when(new RemoveData(PROVIDER, DATA_ID, LATER)).thenRejects("REGISTRY.STORAGE_ENDED");
    }

    @Test
    void aRejectedFeeFailsTheRegistrationWithItsReason() {
        DatasetState state = fixture.given(started(), completed())
                .when(new FailRegistration(DATA_ID, "insufficient funds", LATER))
                .then(new DataRegistrationFailed(DATA_ID, PROVIDER, "insufficient funds", LATER));
        assertThat(state.status()).isEqualTo(DatasetStatus.REGISTRATION_FAILED);
        assertThat(state.failureReason()).isEqualTo("insufficient funds");
    }

    @Test
    void aFeeOutcomeIsAppliedOnce() {
        fixture.given(started(), completed(), onSale()).when(new ConfirmStorageFee(DATA_ID, 600, LATER)).then();
        fixture.given(started(), completed(), onSale()).when(new FailRegistration(DATA_ID, "late", LATER)).then();
    }

    @Test
    void aFeeOutcomeForUnknownDataIsNotFound() {
        fixture.given().when(new ConfirmStorageFee(DATA_ID, 600, LATER)).thenRejects("REGISTRY.DATA_NOT_FOUND");
        fixture.given().when(new FailRegistration(DATA_ID, "x", LATER)).thenRejects("REGISTRY.DATA_NOT_FOUND");
    }

    @Test
    void aCompletedDealReleasesTheKeysToItsBuyer() {
        DatasetState state = fixture.given(started(), completed(), onSale())
                .when(new ReleaseKeys(DATA_ID, 9, BUYER, BUYER_KEY, BOXES, LATER))
                .then(new KeysReleased(DATA_ID, 9, BUYER, BUYER_KEY, BOXES, LATER));
        assertThat(state.releases()).containsOnlyKeys(9L);
    }

    @Test
    void keysAreReleasedOncePerDeal() {
        fixture.given(started(), completed(), onSale(), new KeysReleased(DATA_ID, 9, BUYER, BUYER_KEY, BOXES, LATER))
                .when(new ReleaseKeys(DATA_ID, 9, BUYER, BUYER_KEY, BOXES, LATER)).then();
    }

    @Test
    void aBuyerOfRemovedDataStillGetsTheKeysItPaidFor() {
        fixture.given(started(), completed(), onSale(), new DataRemoved(DATA_ID, PROVIDER, LATER))
                .when(new ReleaseKeys(DATA_ID, 9, BUYER, BUYER_KEY, BOXES, LATER))
                .then(new KeysReleased(DATA_ID, 9, BUYER, BUYER_KEY, BOXES, LATER));
    }

    @Test
    void noKeysAreReleasedForDataWithoutStoredKeys() {
        fixture.given(started()).when(new ReleaseKeys(DATA_ID, 9, BUYER, BUYER_KEY, List.of(), LATER))
                .thenRejects("REGISTRY.DATA_NOT_FOUND");
    }

    @Test
    void aReleaseMustHoldAKeyForEachFragment() {
        fixture.given(started(), completed(), onSale())
                .when(new ReleaseKeys(DATA_ID, 9, BUYER, BUYER_KEY, BOXES.subList(0, 1), LATER))
                .thenRejects("REGISTRY.KEYS_MISMATCH");
    }
}
