package market.registry.dataset.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import market.platform.content.UnixFsImporter;
import market.platform.domain.Rejection;
import market.platform.testing.DeciderFixture;
import market.registry.dataset.domain.DatasetCommand.AddDataBegin;
import market.registry.dataset.domain.DatasetCommand.AddDataEnd;
import market.registry.dataset.domain.DatasetCommand.ConfirmFragmentStored;
import market.registry.dataset.domain.DatasetCommand.DataTypeRef;
import market.registry.dataset.domain.DatasetCommand.FailPlacement;
import market.registry.dataset.domain.DatasetCommand.RecordPlacement;
import market.registry.dataset.domain.DatasetCommand.RemoveData;
import market.registry.dataset.domain.DatasetEvent.DataPutOnSale;
import market.registry.dataset.domain.DatasetEvent.DataRegistrationCompleted;
import market.registry.dataset.domain.DatasetEvent.DataRegistrationFailed;
import market.registry.dataset.domain.DatasetEvent.DataRegistrationStarted;
import market.registry.dataset.domain.DatasetEvent.DataRemoved;
import market.registry.dataset.domain.DatasetEvent.FragmentStorageConfirmed;
import market.registry.dataset.domain.DatasetEvent.PlacementRecorded;
import org.junit.jupiter.api.Test;

class DatasetDeciderTest {

    static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");
    static final Instant LATER = AT.plusSeconds(60);
    static final String PROVIDER = "0x1111111111111111111111111111111111111111";
    static final String STRANGER = "0x2222222222222222222222222222222222222222";
    static final String HASH = "a".repeat(64);
    static final String HASH2 = "b".repeat(64);
    static final long DATA_ID = 42L;
    static final DataTypeRef WEATHER = new DataTypeRef("weather", 2);
    static final WrappedKey KEY1 = new WrappedKey(new byte[] {1, 2, 3}, "custody-1");
    static final WrappedKey KEY2 = new WrappedKey(new byte[] {4, 5, 6}, "custody-1");
    static final String CID1 = UnixFsImporter.cidOf(new byte[] {1}).toString();
    static final String CID2 = UnixFsImporter.cidOf(new byte[] {2}).toString();

    private final DeciderFixture<DatasetCommand, DatasetEvent, DatasetState> fixture =
            DeciderFixture.of(new DatasetDecider());

    static List<FragmentPlan> twoFragments() {
        return List.of(new FragmentPlan(1, 1_000_000, HASH, 1), new FragmentPlan(2, 1_000_000, HASH2, 1));
    }

    static AddDataBegin begin(long size, List<FragmentPlan> fragments) {
        return new AddDataBegin(PROVIDER, DATA_ID, WEATHER, "weather", 20_000, List.of("Seoul", "2026-11-21"), 30,
                HASH, size, fragments, AT);
    }

    static DataRegistrationStarted started() {
        return new DataRegistrationStarted(DATA_ID, "weather", PROVIDER, 20_000, List.of("Seoul", "2026-11-21"), 30,
                HASH, 2_000_000, twoFragments(), StorageFee.of(2_000_000, 30, 2), AT);
    }

    static List<FragmentStorage> stored() {
        return List.of(new FragmentStorage(1, CID1, HASH, KEY1), new FragmentStorage(2, CID2, HASH2, KEY2));
    }

    @Test
    void beginStartsARegistrationWithItsFee() {
        DatasetState state = fixture.given().when(begin(2_000_000, twoFragments())).then(started());
        assertThat(state.status()).isEqualTo(DatasetStatus.REGISTERING);
        assertThat(state.registration().fee()).isEqualTo(new StorageFee(20, 2, 600));
    }

    @Test
    void beginSortsFragmentsAndLowersHashes() {
        List<FragmentPlan> shuffled = List.of(new FragmentPlan(2, 1_000_000, HASH2.toUpperCase(), 1),
                new FragmentPlan(1, 1_000_000, HASH, 1));
        fixture.given().when(begin(2_000_000, shuffled)).then(started());
    }

    @Test
    void beginRejectsAnExistingId() {
        fixture.given(started()).when(begin(2_000_000, twoFragments()))
                .thenRejects("REGISTRY.DATA_EXISTS", "The data already exists");
    }

    @Test
    void beginRejectsAMissingDataType() {
        AddDataBegin c = begin(2_000_000, twoFragments());
        Rejection rejection = fixture.given().when(new AddDataBegin(c.provider(), c.dataId(), null, "nope", c.price(),
                c.detailFields(), c.period(), c.dataHashOriginal(), c.size(), c.fragments(), AT))
                .thenRejects("REGISTRY.DATATYPE_NOT_FOUND", "The data type does not exist");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.NOT_FOUND);
    }

    @Test
    void beginRejectsTheWrongNumberOfDetailFields() {
        AddDataBegin c = begin(2_000_000, twoFragments());
        fixture.given().when(new AddDataBegin(c.provider(), c.dataId(), WEATHER, "weather", c.price(), List.of("Seoul"),
                c.period(), c.dataHashOriginal(), c.size(), c.fragments(), AT))
                .thenRejects("REGISTRY.DETAIL_FIELDS_MISMATCH");
    }

    @Test
    void beginRejectsANegativePriceAndAcceptsZero() {
        AddDataBegin c = begin(2_000_000, twoFragments());
        fixture.given().when(new AddDataBegin(c.provider(), c.dataId(), WEATHER, "weather", -1, c.detailFields(),
                c.period(), c.dataHashOriginal(), c.size(), c.fragments(), AT))
                .thenRejects("REGISTRY.INVALID_PRICE");
        DatasetState free = fixture.given().when(new AddDataBegin(c.provider(), c.dataId(), WEATHER, "weather", 0,
                c.detailFields(), c.period(), c.dataHashOriginal(), c.size(), c.fragments(), AT))
                .then(new DataRegistrationStarted(DATA_ID, "weather", PROVIDER, 0, c.detailFields(), 30, HASH,
                        2_000_000, twoFragments(), StorageFee.of(2_000_000, 30, 2), AT));
        assertThat(free.registration().price()).isZero();
    }

    @Test
    void beginRejectsAPeriodBelowOneDay() {
        AddDataBegin c = begin(2_000_000, twoFragments());
        fixture.given().when(new AddDataBegin(c.provider(), c.dataId(), WEATHER, "weather", c.price(), c.detailFields(),
                0, c.dataHashOriginal(), c.size(), c.fragments(), AT))
                .thenRejects("REGISTRY.INVALID_PERIOD");
    }

    @Test
    void beginRejectsHashesThatAreNotSha256Hex() {
        AddDataBegin c = begin(2_000_000, twoFragments());
        fixture.given().when(new AddDataBegin(c.provider(), c.dataId(), WEATHER, "weather", c.price(), c.detailFields(),
                c.period(), "abc", c.size(), c.fragments(), AT))
                .thenRejects("REGISTRY.INVALID_HASH");
        fixture.given().when(begin(2_000_000, List.of(new FragmentPlan(1, 1_000_000, "z".repeat(64), 1),
                new FragmentPlan(2, 1_000_000, HASH2, 1))))
                .thenRejects("REGISTRY.INVALID_HASH");
    }

    @Test
    void beginRejectsNoFragments() {
        fixture.given().when(begin(0, List.of())).thenRejects("REGISTRY.NO_FRAGMENTS");
    }

    @Test
    void beginRejectsFragmentNumbersWithGapsOrRepeats() {
        fixture.given().when(begin(2_000_000, List.of(new FragmentPlan(1, 1_000_000, HASH, 1),
                new FragmentPlan(3, 1_000_000, HASH2, 1)))).thenRejects("REGISTRY.FRAGMENT_NUMBERING");
        fixture.given().when(begin(2_000_000, List.of(new FragmentPlan(1, 1_000_000, HASH, 1),
                new FragmentPlan(1, 1_000_000, HASH2, 1)))).thenRejects("REGISTRY.FRAGMENT_NUMBERING");
        fixture.given().when(begin(1_000_000, List.of(new FragmentPlan(0, 1_000_000, HASH, 1))))
                .thenRejects("REGISTRY.FRAGMENT_NUMBERING");
    }

    @Test
    void beginRejectsASizeThatIsNotTheSumOfFragments() {
        fixture.given().when(begin(1_999_999, twoFragments()))
                .thenRejects("REGISTRY.SIZE_MISMATCH", "size must equal the sum of the fragment sizes");
    }

    @Test
    void beginRejectsEmptyFragmentsAndNegativeClusters() {
        fixture.given().when(begin(1_000_000, List.of(new FragmentPlan(1, 1_000_000, HASH, 1),
                new FragmentPlan(2, 0, HASH2, 1)))).thenRejects("REGISTRY.INVALID_FRAGMENT_SIZE");
        fixture.given().when(begin(1_000_000, List.of(new FragmentPlan(1, 1_000_000, HASH, -1))))
                .thenRejects("REGISTRY.INVALID_CLUSTER");
    }

    @Test
    void beginRejectsSizesWhoseSumOverflows() {
        fixture.given().when(begin(Long.MAX_VALUE, List.of(new FragmentPlan(1, Long.MAX_VALUE, HASH, 1),
                new FragmentPlan(2, Long.MAX_VALUE, HASH2, 1)))).thenRejects("REGISTRY.SIZE_MISMATCH");
    }

    @Test
    void beginRejectsAFeeThatOverflows() {
        AddDataBegin c = begin(Long.MAX_VALUE, List.of(new FragmentPlan(1, Long.MAX_VALUE, HASH, 1)));
        fixture.given().when(new AddDataBegin(c.provider(), c.dataId(), WEATHER, "weather", c.price(), c.detailFields(),
                Long.MAX_VALUE, c.dataHashOriginal(), c.size(), c.fragments(), AT))
                .thenRejects("REGISTRY.FEE_OVERFLOW");
    }

    /** keeper-service's word that enough keepers hold both fragments. */
    static DatasetEvent[] storedOnKeepers() {
        return new DatasetEvent[] {new FragmentStorageConfirmed(DATA_ID, 1, CID1, 2, AT),
            new FragmentStorageConfirmed(DATA_ID, 2, CID2, 2, AT)};
    }

    static DatasetEvent[] startedAndStored() {
        DatasetEvent[] stored = storedOnKeepers();
        return new DatasetEvent[] {started(), stored[0], stored[1]};
    }

    static DataRegistrationCompleted completed() {
        return new DataRegistrationCompleted(DATA_ID, PROVIDER, stored(), LATER, 600, true);
    }

    @Test
    void endCompletesTheRegistrationAndAsksForTheStorageFee() {
        DatasetState state = fixture.given(startedAndStored()).when(new AddDataEnd(PROVIDER, DATA_ID, stored(), LATER))
                .then(completed());
        assertThat(state.status()).isEqualTo(DatasetStatus.REGISTERING);
        assertThat(state.feePending()).isTrue();
        assertThat(state.completedAt()).isEqualTo(LATER);
    }

    @Test
    void aRegistrationCompletedBeforeTheFeeSagaIsOnSale() {
        DatasetState state = fixture.given(started(),
                new DataRegistrationCompleted(DATA_ID, PROVIDER, stored(), LATER, 0, false))
                .when(new RemoveData(PROVIDER, DATA_ID, LATER)).then(new DataRemoved(DATA_ID, PROVIDER, LATER));
        assertThat(state.status()).isEqualTo(DatasetStatus.REMOVED);
    }

    @Test
    void endIsRefusedUntilEveryFragmentIsStoredOnItsKeepers() {
        fixture.given(started()).when(new AddDataEnd(PROVIDER, DATA_ID, stored(), LATER))
                .thenRejects("REGISTRY.FRAGMENTS_NOT_STORED",
                        "fragments [1, 2] are not stored on enough keepers yet: upload them first (market data end does)");
        fixture.given(started(), storedOnKeepers()[1]).when(new AddDataEnd(PROVIDER, DATA_ID, stored(), LATER))
                .thenRejects("REGISTRY.FRAGMENTS_NOT_STORED");
    }

    @Test
    void endIsRefusedForACidOtherThanTheOneStored() {
        fixture.given(started(), new FragmentStorageConfirmed(DATA_ID, 1, CID2, 2, AT), storedOnKeepers()[1])
                .when(new AddDataEnd(PROVIDER, DATA_ID, stored(), LATER))
                .thenRejects("REGISTRY.CID_MISMATCH");
    }

    @Test
    void thePlacementIsRecordedOnceAndShowsEachFragmentsCluster() {
        DatasetState state = fixture.given(started())
                .when(new RecordPlacement(DATA_ID, java.util.Map.of(1L, 7L, 2L, 8L), LATER))
                .then(new PlacementRecorded(DATA_ID, java.util.Map.of(1L, 7L, 2L, 8L), LATER));
        assertThat(state.clusters()).containsEntry(2L, 8L);
        fixture.given(started(), new PlacementRecorded(DATA_ID, java.util.Map.of(1L, 7L, 2L, 8L), LATER))
                .when(new RecordPlacement(DATA_ID, java.util.Map.of(1L, 9L, 2L, 9L), LATER)).then();
    }

    @Test
    void aRefusedPlacementFailsTheRegistrationOnce() {
        DatasetState state = fixture.given(started())
                .when(new FailPlacement(DATA_ID, "cluster 9 does not exist", LATER))
                .then(new DataRegistrationFailed(DATA_ID, PROVIDER, "the fragments could not be placed: cluster 9 "
                        + "does not exist", LATER));
        assertThat(state.status()).isEqualTo(DatasetStatus.REGISTRATION_FAILED);
        fixture.given(started(), new DataRegistrationFailed(DATA_ID, PROVIDER, "no room", LATER))
                .when(new FailPlacement(DATA_ID, "no room", LATER)).then();
        fixture.given(started(), new DataRemoved(DATA_ID, PROVIDER, LATER))
                .when(new FailPlacement(DATA_ID, "no room", LATER)).then();
    }

    @Test
    void aStoredFragmentIsRecordedOnceWhileRegistering() {
        DatasetState state = fixture.given(started())
                .when(new ConfirmFragmentStored(DATA_ID, 1, CID1, 2, LATER))
                .then(new FragmentStorageConfirmed(DATA_ID, 1, CID1, 2, LATER));
        assertThat(state.storedCids()).containsEntry(1L, CID1);
        fixture.given(startedAndStored()).when(new ConfirmFragmentStored(DATA_ID, 1, CID1, 3, LATER)).then();
        fixture.given(started(), new DataRemoved(DATA_ID, PROVIDER, LATER))
                .when(new ConfirmFragmentStored(DATA_ID, 1, CID1, 2, LATER)).then();
        fixture.given().when(new ConfirmFragmentStored(DATA_ID, 1, CID1, 2, LATER))
                .thenRejects("REGISTRY.DATA_NOT_FOUND");
    }

    @Test
    void endIsRefusedWhileTheFeeIsCharged() {
        fixture.given(started(), completed()).when(new AddDataEnd(PROVIDER, DATA_ID, stored(), LATER))
                .thenRejects("REGISTRY.FEE_PENDING", "The storage fee is being charged");
    }

    @Test
    void removalIsRefusedWhileTheFeeIsCharged() {
        fixture.given(started(), completed()).when(new RemoveData(PROVIDER, DATA_ID, LATER))
                .thenRejects("REGISTRY.FEE_PENDING", "The storage fee is being charged");
    }

    @Test
    void endRejectsAnUnknownDataset() {
        fixture.given().when(new AddDataEnd(PROVIDER, DATA_ID, stored(), LATER))
                .thenRejects("REGISTRY.DATA_NOT_FOUND", "The data does not exist");
    }

    @Test
    void endIsForTheProviderOnly() {
        Rejection rejection = fixture.given(started()).when(new AddDataEnd(STRANGER, DATA_ID, stored(), LATER))
                .thenRejects("REGISTRY.NOT_PROVIDER");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.FORBIDDEN);
    }

    @Test
    void endOnlyWhileRegistering() {
        fixture.given(started(), completed(), new DataPutOnSale(DATA_ID, PROVIDER, 600, 30, 2, LATER))
                .when(new AddDataEnd(PROVIDER, DATA_ID, stored(), LATER))
                .thenRejects("REGISTRY.NOT_REGISTERING", "The data is not being registered");
        fixture.given(started(), new DataRemoved(DATA_ID, PROVIDER, LATER))
                .when(new AddDataEnd(PROVIDER, DATA_ID, stored(), LATER))
                .thenRejects("REGISTRY.DATA_ALREADY_REMOVED", "The data has already been removed");
    }

    @Test
    void endMustCoverEachRegisteredFragmentOnce() {
        fixture.given(started()).when(new AddDataEnd(PROVIDER, DATA_ID, stored().subList(0, 1), LATER))
                .thenRejects("REGISTRY.FRAGMENTS_MISMATCH");
        fixture.given(started()).when(new AddDataEnd(PROVIDER, DATA_ID,
                List.of(stored().get(0), stored().get(0)), LATER)).thenRejects("REGISTRY.FRAGMENTS_MISMATCH");
    }

    @Test
    void endRejectsBadCidsAndHashes() {
        fixture.given(started()).when(new AddDataEnd(PROVIDER, DATA_ID, List.of(new FragmentStorage(1, " ", HASH, KEY1),
                stored().get(1)), LATER)).thenRejects("REGISTRY.INVALID_CID");
        fixture.given(started()).when(new AddDataEnd(PROVIDER, DATA_ID, List.of(new FragmentStorage(1, CID1, "00",
                KEY1), stored().get(1)), LATER)).thenRejects("REGISTRY.INVALID_HASH");
    }

    @Test
    void providerRemovesData() {
        DatasetState state = fixture.given(started(), completed(), new DataPutOnSale(DATA_ID, PROVIDER, 600, 30, 2, LATER))
                .when(new RemoveData(PROVIDER, DATA_ID, LATER))
                .then(new DataRemoved(DATA_ID, PROVIDER, LATER));
        assertThat(state.status()).isEqualTo(DatasetStatus.REMOVED);
        assertThat(state.stored()).isEqualTo(stored());
    }

    @Test
    void providerMayRemoveARegistrationInProgress() {
        fixture.given(started()).when(new RemoveData(PROVIDER, DATA_ID, LATER))
                .then(new DataRemoved(DATA_ID, PROVIDER, LATER));
    }

    @Test
    void onlyTheProviderCanRemove() {
        fixture.given(started()).when(new RemoveData(STRANGER, DATA_ID, LATER))
                .thenRejects("REGISTRY.NOT_PROVIDER", "Only provider can remove data");
    }

    @Test
    void dataIsRemovedOnlyOnce() {
        Rejection rejection = fixture.given(started(), new DataRemoved(DATA_ID, PROVIDER, LATER))
                .when(new RemoveData(PROVIDER, DATA_ID, LATER))
                .thenRejects("REGISTRY.DATA_ALREADY_REMOVED", "The data has already been removed");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.CONFLICT);
    }

    @Test
    void removingUnknownDataIsNotFound() {
        fixture.given().when(new RemoveData(PROVIDER, DATA_ID, LATER))
                .thenRejects("REGISTRY.DATA_NOT_FOUND", "The data does not exist");
    }
}
