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
import static market.registry.dataset.domain.DatasetDeciderTest.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import market.platform.testing.DeciderFixture;
import market.registry.dataset.domain.DatasetCommand.AddDataEnd;
import market.registry.dataset.domain.DatasetCommand.CloseDataShare;
import market.registry.dataset.domain.DatasetCommand.PublishDataShare;
import market.registry.dataset.domain.DatasetEvent.DataRegistrationCompleted;
import market.registry.dataset.domain.DatasetEvent.DataRegistrationStarted;
import market.registry.dataset.domain.DatasetEvent.DataRemoved;
import market.registry.dataset.domain.DatasetEvent.DataShareClosed;
import market.registry.dataset.domain.DatasetEvent.DataShareDescribed;
import market.registry.dataset.domain.DatasetEvent.FragmentStorageConfirmed;
import org.junit.jupiter.api.Test;

/** The DataShare rules of a dataset: publish, the keys at the end of it, and close. */
class DataShareDeciderTest {

    static final String POLICY = "{\"Threshold\":1,\"Children\":[{\"name\":\"att1\",\"type\":\"plain\",\"value\":\"hello\"}]}";
    private static final WrappedKey NO_KEY = new WrappedKey(new byte[0], "");

    private final DeciderFixture<DatasetCommand, DatasetEvent, DatasetState> fixture =
            DeciderFixture.of(new DatasetDecider());

    static DataShareProduct product(String category, String policy) {
        return new DataShareProduct("product2", "prodname", "huawei", "this is my second prod", category, policy,
                "blind", "csv", "mydata1", List.of(1L), List.of(new DataShareProduct.Sample(2, "data_sub1", "csv")),
                "ce0ac69b0c8648cd25b44a551780409767c8890b", "mychannel");
    }

    static List<FragmentPlan> fragments() {
        return List.of(new FragmentPlan(1, 1_000_000, HASH, 0), new FragmentPlan(2, 10_000, HASH2, 0));
    }

    static PublishDataShare publish(DataShareProduct product) {
        return new PublishDataShare(PROVIDER, DATA_ID, product, 20_000, 30, HASH, 1_010_000, fragments(), true, AT);
    }

    static DataRegistrationStarted started() {
        return new DataRegistrationStarted(DATA_ID, "datashare", PROVIDER, 20_000, List.of(), 30, HASH, 1_010_000,
                fragments(), StorageFee.of(1_010_000, 30, 2), AT);
    }

    static DataShareDescribed described(DataShareProduct product) {
        return new DataShareDescribed(DATA_ID, PROVIDER, product, 20_000, AT);
    }

    @Test
    void publishingStartsARegistrationAndDescribesTheProduct() {
        DataShareProduct symmetric = product("symmetric", null);
        DatasetState state = fixture.given().when(publish(symmetric)).then(started(), described(symmetric));

        assertThat(state.status()).isEqualTo(DatasetStatus.REGISTERING);
        assertThat(state.isDataShare()).isTrue();
        assertThat(state.dataShare().product().isSample(2)).isTrue();
        assertThat(state.dataShare().closedAt()).isNull();
    }

    @Test
    void anAbeProductCarriesItsPolicy() {
        DataShareProduct abe = product("abe", POLICY);
        DatasetState state = fixture.given().when(publish(abe)).then(started(), described(abe));
        assertThat(state.dataShare().product().isAbe()).isTrue();
    }

    @Test
    void anAbeProductNeedsTheProvidersMasterKeyAndFewDataFragments() {
        DataShareProduct abe = product("abe", POLICY);
        fixture.given().when(new PublishDataShare(PROVIDER, DATA_ID, abe, 20_000, 30, HASH, 1_010_000, fragments(), false, AT))
                .thenRejects("REGISTRY.ABE_NOT_SET_UP", "The provider has no ABE master key: abe-setup makes one, then publish");
        List<FragmentPlan> many = new java.util.ArrayList<>();
        List<Long> numbers = new java.util.ArrayList<>();
        for (long no = 1; no <= 9; no++) {
            many.add(new FragmentPlan(no, 10, HASH, 0));
            numbers.add(no);
        }
        DataShareProduct wide = new DataShareProduct("p", "n", "", "", "abe", POLICY, null, "csv", "d", numbers, List.of(),
                "", "");
        fixture.given().when(new PublishDataShare(PROVIDER, DATA_ID, wide, 0, 30, HASH, 90, many, true, AT))
                .thenRejects("REGISTRY.INVALID_PRODUCT", "a product of category abe has at most 8 data fragments");
    }

    @Test
    void aProductIsPublishedOnce() {
        fixture.given(started(), described(product("symmetric", null))).when(publish(product("symmetric", null)))
                .thenRejects("REGISTRY.PRODUCT_EXISTS", "The product already exists: the provider published productID product2");
    }

    @Test
    void rejectsACategoryAndPolicyThatDoNotGoTogether() {
        fixture.given().when(publish(product("abe", null)))
                .thenRejects("REGISTRY.INVALID_PRODUCT", "category abe needs a policy");
        fixture.given().when(publish(product("symmetric", POLICY)))
                .thenRejects("REGISTRY.INVALID_PRODUCT", "a policy is only for category abe");
        fixture.given().when(publish(product("rsa", null)))
                .thenRejects("REGISTRY.INVALID_PRODUCT", "category must be symmetric or abe");
    }

    @Test
    void rejectsBadProductIdsNamesAndWatermarkTypes() {
        DataShareProduct p = product("symmetric", null);
        fixture.given().when(publish(new DataShareProduct("bad id", p.productName(), p.providerName(), p.description(),
                p.category(), null, null, p.fileType(), p.dataName(), p.dataFragments(), p.samples(), p.orgId(),
                p.channelId()))).thenRejects("REGISTRY.INVALID_PRODUCT",
                "productID must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        fixture.given().when(publish(new DataShareProduct("p", " ", p.providerName(), p.description(), p.category(),
                null, null, p.fileType(), p.dataName(), p.dataFragments(), p.samples(), p.orgId(), p.channelId())))
                .thenRejects("REGISTRY.INVALID_PRODUCT", "productName must not be blank");
        fixture.given().when(publish(new DataShareProduct("p", "n", p.providerName(), p.description(), p.category(),
                null, "hidden", p.fileType(), p.dataName(), p.dataFragments(), p.samples(), p.orgId(), p.channelId())))
                .thenRejects("REGISTRY.INVALID_PRODUCT", "watermarkType must be visible or blind");
        fixture.given().when(publish(new DataShareProduct("p", "n", p.providerName(), p.description(), p.category(),
                null, null, p.fileType(), p.dataName(), p.dataFragments(), List.of(new DataShareProduct.Sample(2, "", "csv")),
                p.orgId(), p.channelId())))
                .thenRejects("REGISTRY.INVALID_PRODUCT", "each sample needs a sampleName of 1 to 1024 characters");
    }

    @Test
    void theDataAndTheSamplesNumberTheFragmentsOnce() {
        DataShareProduct p = product("symmetric", null);
        fixture.given().when(publish(new DataShareProduct("p", "n", "", "", "symmetric", null, null, "csv", "d",
                List.of(), p.samples(), "", ""))).thenRejects("REGISTRY.INVALID_PRODUCT",
                "the product needs at least one data fragment");
        fixture.given().when(publish(new DataShareProduct("p", "n", "", "", "symmetric", null, null, "csv", "d",
                List.of(1L, 2L), p.samples(), "", ""))).thenRejects("REGISTRY.INVALID_PRODUCT",
                "the data fragments and the samples must number the 2 fragments 1..2, each once");
        fixture.given().when(publish(new DataShareProduct("p", "n", "", "", "symmetric", null, null, "csv", "d",
                List.of(1L), List.of(), "", ""))).thenRejects("REGISTRY.INVALID_PRODUCT",
                "the data fragments and the samples must number the 2 fragments 1..2, each once");
    }

    @Test
    void publishingKeepsTheRegistrationRules() {
        DataShareProduct p = product("symmetric", null);
        fixture.given().when(new PublishDataShare(PROVIDER, DATA_ID, p, -1, 30, HASH, 1_010_000, fragments(), true, AT))
                .thenRejects("REGISTRY.INVALID_PRICE");
        fixture.given().when(new PublishDataShare(PROVIDER, DATA_ID, p, 0, 0, HASH, 1_010_000, fragments(), true, AT))
                .thenRejects("REGISTRY.INVALID_PERIOD");
        fixture.given().when(new PublishDataShare(PROVIDER, DATA_ID, p, 0, 30, "x", 1_010_000, fragments(), true, AT))
                .thenRejects("REGISTRY.INVALID_HASH");
        fixture.given().when(new PublishDataShare(PROVIDER, DATA_ID, p, 0, 30, HASH, 5, fragments(), true, AT))
                .thenRejects("REGISTRY.SIZE_MISMATCH");
        fixture.given().when(new PublishDataShare(PROVIDER, DATA_ID, p, 0, Long.MAX_VALUE / 2, HASH, 1_010_000,
                fragments(), true, AT)).thenRejects("REGISTRY.FEE_OVERFLOW");
    }

    @Test
    void aSampleIsStoredWithoutAKeyAndTheDataWithOne() {
        DatasetEvent[] stored = {started(), described(product("symmetric", null)),
            new FragmentStorageConfirmed(DATA_ID, 1, CID1, 2, AT), new FragmentStorageConfirmed(DATA_ID, 2, CID2, 2, AT)};
        List<FragmentStorage> good = List.of(new FragmentStorage(1, CID1, HASH, KEY1), new FragmentStorage(2, CID2, HASH2, NO_KEY));
        fixture.given(stored).when(new AddDataEnd(PROVIDER, DATA_ID, good, LATER))
                .then(new DataRegistrationCompleted(DATA_ID, PROVIDER, good, LATER,
                        StorageFee.of(1_010_000, 30, 2).totalStorageFee(), true));
        fixture.given(stored).when(new AddDataEnd(PROVIDER, DATA_ID, List.of(new FragmentStorage(1, CID1, HASH, KEY1),
                new FragmentStorage(2, CID2, HASH2, KEY1)), LATER)).thenRejects("REGISTRY.SAMPLE_TAKES_NO_KEY",
                "fragment 2 is a public sample: it is stored unencrypted and takes no encrypt_key");
        fixture.given(stored).when(new AddDataEnd(PROVIDER, DATA_ID, List.of(new FragmentStorage(1, CID1, HASH, NO_KEY),
                new FragmentStorage(2, CID2, HASH2, NO_KEY)), LATER))
                .thenRejects("REGISTRY.KEY_MISSING", "fragment 1 needs its encrypt_key");
    }

    @Test
    void anOrdinaryDatasetNeedsEveryKey() {
        fixture.given(DatasetDeciderTest.started(), DatasetDeciderTest.storedOnKeepers()[0],
                DatasetDeciderTest.storedOnKeepers()[1])
                .when(new AddDataEnd(PROVIDER, DATA_ID, List.of(new FragmentStorage(1, CID1, HASH, KEY1),
                        new FragmentStorage(2, CID2, HASH2, NO_KEY)), LATER))
                .thenRejects("REGISTRY.KEY_MISSING", "fragment 2 needs its encrypt_key");
    }

    @Test
    void aReleaseHoldsAKeyForEachDataFragmentAndNoneForTheSamples() {
        List<FragmentStorage> stored = List.of(new FragmentStorage(1, CID1, HASH, KEY1), new FragmentStorage(2, CID2, HASH2, NO_KEY));
        DatasetEvent[] onSale = {started(), described(product("symmetric", null)),
            new DataRegistrationCompleted(DATA_ID, PROVIDER, stored, AT, 0, false)};
        List<ReleasedKey> one = List.of(new ReleasedKey(1, new byte[] {7}));
        fixture.given(onSale).when(new DatasetCommand.ReleaseKeys(DATA_ID, 5, STRANGER, "0x04", one, LATER))
                .then(new DatasetEvent.KeysReleased(DATA_ID, 5, STRANGER, "0x04", one, LATER));
        fixture.given(onSale).when(new DatasetCommand.ReleaseKeys(DATA_ID, 5, STRANGER, "0x04",
                List.of(new ReleasedKey(1, new byte[] {7}), new ReleasedKey(2, new byte[] {8})), LATER))
                .thenRejects("REGISTRY.KEYS_MISMATCH", "a release must hold one key for each stored fragment that is not a public sample");
    }

    @Test
    void theProviderClosesTheProductOnce() {
        DataShareProduct p = product("symmetric", null);
        DatasetState closed = fixture.given(started(), described(p)).when(new CloseDataShare(PROVIDER, DATA_ID, LATER))
                .then(new DataShareClosed(DATA_ID, PROVIDER, LATER));
        assertThat(closed.dataShare().closedAt()).isEqualTo(LATER);
        assertThat(closed.dataShare().product()).isEqualTo(p);

        fixture.given(started(), described(p), new DataShareClosed(DATA_ID, PROVIDER, LATER))
                .when(new CloseDataShare(PROVIDER, DATA_ID, LATER))
                .thenRejects("REGISTRY.PRODUCT_CLOSED", "The product is already closed");
        fixture.given(started(), described(p)).when(new CloseDataShare(STRANGER, DATA_ID, LATER))
                .thenRejects("REGISTRY.NOT_PROVIDER", "Only provider can close the product");
    }

    @Test
    void closingNeedsAnOpenDataShareProduct() {
        fixture.given().when(new CloseDataShare(PROVIDER, DATA_ID, LATER))
                .thenRejects("REGISTRY.DATA_NOT_FOUND", "The data does not exist");
        fixture.given(DatasetDeciderTest.started()).when(new CloseDataShare(PROVIDER, DATA_ID, LATER))
                .thenRejects("REGISTRY.NOT_DATASHARE", "The data is not a DataShare product");
        fixture.given(started(), described(product("symmetric", null)), new DataRemoved(DATA_ID, PROVIDER, AT))
                .when(new CloseDataShare(PROVIDER, DATA_ID, LATER))
                .thenRejects("REGISTRY.DATA_ALREADY_REMOVED", "The data has already been removed");
    }
}
