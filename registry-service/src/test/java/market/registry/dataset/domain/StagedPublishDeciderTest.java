package market.registry.dataset.domain;

import static market.registry.dataset.domain.DatasetDeciderTest.AT;
import static market.registry.dataset.domain.DatasetDeciderTest.CID1;
import static market.registry.dataset.domain.DatasetDeciderTest.CID2;
import static market.registry.dataset.domain.DatasetDeciderTest.DATA_ID;
import static market.registry.dataset.domain.DatasetDeciderTest.HASH;
import static market.registry.dataset.domain.DatasetDeciderTest.HASH2;
import static market.registry.dataset.domain.DatasetDeciderTest.KEY1;
import static market.registry.dataset.domain.DatasetDeciderTest.LATER;
import static market.registry.dataset.domain.DatasetDeciderTest.PROVIDER;
import static market.registry.dataset.domain.DataShareDeciderTest.described;
import static market.registry.dataset.domain.DataShareDeciderTest.fragments;
import static market.registry.dataset.domain.DataShareDeciderTest.product;
import static market.registry.dataset.domain.DataShareDeciderTest.started;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import market.platform.testing.DeciderFixture;
import market.registry.dataset.domain.DatasetCommand.AddDataEnd;
import market.registry.dataset.domain.DatasetCommand.ConfirmFragmentStored;
import market.registry.dataset.domain.DatasetCommand.DeclareStagedFragments;
import market.registry.dataset.domain.DatasetCommand.PublishDataShare;
import market.registry.dataset.domain.DatasetEvent.DataRegistrationCompleted;
import market.registry.dataset.domain.DatasetEvent.DataRemoved;
import market.registry.dataset.domain.DatasetEvent.DataShareStaged;
import market.registry.dataset.domain.DatasetEvent.FragmentStorageConfirmed;
import market.registry.dataset.domain.DatasetEvent.StagedFragmentsDeclared;
import market.registry.dataset.domain.StagedStorage.StagedFragment;
import org.junit.jupiter.api.Test;

/**
 * A DataShare publish whose data the registry encrypted from {@code plainData}: the staged
 * fragments it must name, their declaration to keeper-service once, and the registration that
 * completes by itself when the last staged fragment is stored.
 */
class StagedPublishDeciderTest {

    static final String UPLOADER = "0x00000000000000000000000000000000000000a7";
    private static final WrappedKey NO_KEY = new WrappedKey(new byte[0], "");
    // fragment 1 holds 1,000,000 plain bytes; its ciphertext is at most that many, a header and a tag a segment
    private static final long SIZE1 = market.platform.crypto.SegmentedAead.ciphertextSize(1_000_000);

    private final DeciderFixture<DatasetCommand, DatasetEvent, DatasetState> fixture =
            DeciderFixture.of(new DatasetDecider());

    private static StagedStorage staged(StagedFragment... fragments) {
        return new StagedStorage(UPLOADER, List.of(fragments));
    }

    private static StagedFragment data() {
        return new StagedFragment(1, CID1, HASH, SIZE1, KEY1);
    }

    private static StagedFragment sample() {
        return new StagedFragment(2, CID2, HASH2, 10_000, NO_KEY);
    }

    private static PublishDataShare publish(StagedStorage staged) {
        return new PublishDataShare(PROVIDER, DATA_ID, product("symmetric", null), 20_000, 30, HASH, 1_010_000,
                fragments(), true, staged, AT);
    }

    private static DatasetEvent[] published() {
        return new DatasetEvent[] {started(), described(product("symmetric", null)),
            new DataShareStaged(DATA_ID, PROVIDER, staged(data(), sample()), AT)};
    }

    @Test
    void aStagedPublishRecordsItsFragmentsInOrder() {
        StagedFragment upper = new StagedFragment(1, CID1, HASH.toUpperCase(Locale.ROOT), SIZE1, KEY1);
        DatasetState state = fixture.given().when(publish(staged(sample(), upper)))
                .then(started(), described(product("symmetric", null)),
                        new DataShareStaged(DATA_ID, PROVIDER, staged(data(), sample()), AT));
        assertThat(state.staged().uploader()).isEqualTo(UPLOADER);
        assertThat(state.dataShare().stagedDeclared()).isFalse();
        assertThat(state.status()).isEqualTo(DatasetStatus.REGISTERING);
    }

    @Test
    void aStagedPublishNamesEveryFragmentOnceWithItsCidHashSizeAndKey() {
        fixture.given().when(publish(new StagedStorage("registry", List.of(data(), sample()))))
                .thenRejects("REGISTRY.INVALID_STAGING", "the uploader must be an address");
        fixture.given().when(publish(staged(data())))
                .thenRejects("REGISTRY.INVALID_STAGING", "the staged fragments must be the registered ones, each once");
        fixture.given().when(publish(staged(data(), data())))
                .thenRejects("REGISTRY.INVALID_STAGING", "the staged fragments must be the registered ones, each once");
        fixture.given().when(publish(staged(data(), new StagedFragment(3, CID2, HASH2, 10, NO_KEY))))
                .thenRejects("REGISTRY.INVALID_STAGING", "the staged fragments must be the registered ones, each once");
        fixture.given().when(publish(staged(new StagedFragment(1, "QmNotACid", HASH, SIZE1, KEY1), sample())))
                .thenRejects("REGISTRY.INVALID_CID");
        fixture.given().when(publish(staged(new StagedFragment(1, CID1, "abc", SIZE1, KEY1), sample())))
                .thenRejects("REGISTRY.INVALID_HASH");
        fixture.given().when(publish(staged(new StagedFragment(1, CID1, HASH, SIZE1 + 1, KEY1), sample())))
                .thenRejects("REGISTRY.INVALID_STAGING", "fragment 1 size_encrypted must be 1 to " + SIZE1 + " bytes");
        fixture.given().when(publish(staged(data(), new StagedFragment(2, CID2, HASH2, 10_001, NO_KEY))))
                .thenRejects("REGISTRY.INVALID_STAGING", "fragment 2 size_encrypted must be 1 to 10000 bytes");
        fixture.given().when(publish(staged(new StagedFragment(1, CID1, HASH, SIZE1, NO_KEY), sample())))
                .thenRejects("REGISTRY.INVALID_STAGING", "fragment 1 needs its key");
        fixture.given().when(publish(staged(data(), new StagedFragment(2, CID2, HASH2, 10_000, KEY1))))
                .thenRejects("REGISTRY.INVALID_STAGING", "fragment 2 is a public sample and takes no key");
    }

    @Test
    void theStagedFragmentsAreDeclaredOnceWhileRegistering() {
        StagedFragmentsDeclared declared = new StagedFragmentsDeclared(DATA_ID, PROVIDER, UPLOADER,
                List.of(new StagedStorage.Declaration(1, CID1, SIZE1), new StagedStorage.Declaration(2, CID2, 10_000)),
                LATER);
        DatasetState state = fixture.given(published()).when(new DeclareStagedFragments(DATA_ID, LATER)).then(declared);
        assertThat(state.dataShare().stagedDeclared()).isTrue();

        DatasetEvent[] already = {published()[0], published()[1], published()[2], declared};
        fixture.given(already).when(new DeclareStagedFragments(DATA_ID, LATER)).then();
        fixture.given(published()[0], published()[1], published()[2], new DataRemoved(DATA_ID, PROVIDER, AT))
                .when(new DeclareStagedFragments(DATA_ID, LATER)).then();
    }

    @Test
    void anyOtherDatasetHasNothingToDeclare() {
        fixture.given().when(new DeclareStagedFragments(DATA_ID, LATER)).then();
        fixture.given(started(), described(product("symmetric", null))).when(new DeclareStagedFragments(DATA_ID, LATER))
                .then();
        fixture.given(DatasetDeciderTest.started()).when(new DeclareStagedFragments(DATA_ID, LATER)).then();
    }

    @Test
    void theRegistrationCompletesWhenTheLastStagedFragmentIsStored() {
        FragmentStorageConfirmed first = new FragmentStorageConfirmed(DATA_ID, 2, CID2, 2, LATER);
        fixture.given(published()).when(new ConfirmFragmentStored(DATA_ID, 2, CID2, 2, LATER)).then(first);

        DatasetState state = fixture.given(published()[0], published()[1], published()[2], first)
                .when(new ConfirmFragmentStored(DATA_ID, 1, CID1, 3, LATER))
                .then(new FragmentStorageConfirmed(DATA_ID, 1, CID1, 3, LATER),
                        new DataRegistrationCompleted(DATA_ID, PROVIDER, List.of(new FragmentStorage(1, CID1, HASH, KEY1),
                                new FragmentStorage(2, CID2, HASH2, NO_KEY)), LATER,
                                StorageFee.of(1_010_000, 30, 2).totalStorageFee(), true));
        assertThat(state.feePending()).isTrue();
        assertThat(state.status()).isEqualTo(DatasetStatus.REGISTERING);
    }

    @Test
    void aFragmentStoredUnderAnotherCidCompletesNothing() {
        FragmentStorageConfirmed other = new FragmentStorageConfirmed(DATA_ID, 2, CID1, 2, LATER);
        fixture.given(published()[0], published()[1], published()[2], other)
                .when(new ConfirmFragmentStored(DATA_ID, 1, CID1, 3, LATER))
                .then(new FragmentStorageConfirmed(DATA_ID, 1, CID1, 3, LATER));
    }

    @Test
    void theProviderDoesNotEndAStagedRegistration() {
        fixture.given(published()[0], published()[1], published()[2],
                        new FragmentStorageConfirmed(DATA_ID, 1, CID1, 2, AT), new FragmentStorageConfirmed(DATA_ID, 2, CID2, 2, AT))
                .when(new AddDataEnd(PROVIDER, DATA_ID, List.of(new FragmentStorage(1, CID1, HASH, KEY1),
                        new FragmentStorage(2, CID2, HASH2, NO_KEY)), LATER))
                .thenRejects("REGISTRY.STAGED_BY_REGISTRY", "The registry encrypted this product's plainData: it stores "
                        + "the fragments and completes the registration itself");
    }
}
