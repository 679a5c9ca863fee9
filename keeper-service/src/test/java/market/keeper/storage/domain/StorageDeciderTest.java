package market.keeper.storage.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import market.keeper.storage.domain.StorageCommand.CloseStorage;
import market.keeper.storage.domain.StorageCommand.Declaration;
import market.keeper.storage.domain.StorageCommand.DeclareFragments;
import market.keeper.storage.domain.StorageCommand.FragmentSlot;
import market.keeper.storage.domain.StorageCommand.OpenStorage;
import market.keeper.storage.domain.StorageCommand.RecordAudit;
import market.keeper.storage.domain.StorageCommand.RecordReplica;
import market.keeper.storage.domain.StorageEvent.AuditFailed;
import market.keeper.storage.domain.StorageEvent.AuditPassed;
import market.keeper.storage.domain.StorageEvent.FragmentStored;
import market.keeper.storage.domain.StorageEvent.FragmentsDeclared;
import market.keeper.storage.domain.StorageEvent.ReplicaFaulty;
import market.keeper.storage.domain.StorageEvent.ReplicaStored;
import market.keeper.storage.domain.StorageEvent.StorageClosed;
import market.keeper.storage.domain.StorageEvent.StorageOpened;
import market.platform.content.UnixFsImporter;
import market.platform.crypto.SegmentedAead;
import market.platform.testing.DeciderFixture;
import org.junit.jupiter.api.Test;

class StorageDeciderTest {

    static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    static final String PROVIDER = "0x9999999999999999999999999999999999999999";
    static final String KEEPER_A = "0x000000000000000000000000000000000000000a";
    static final String KEEPER_B = "0x000000000000000000000000000000000000000b";
    static final String KEEPER_C = "0x000000000000000000000000000000000000000c";
    static final String CID_1 = UnixFsImporter.cidOf(new byte[] {1}).toString();
    static final String CID_2 = UnixFsImporter.cidOf(new byte[] {2}).toString();

    private final DeciderFixture<StorageCommand, StorageEvent, StorageState> fixture =
            DeciderFixture.of(new StorageDecider(2, 3));

    private static final StorageOpened OPENED = new StorageOpened(42, PROVIDER,
            List.of(new FragmentSlot(1, 1000, 7), new FragmentSlot(2, 500, 8)), AT);
    private static final FragmentsDeclared DECLARED = new FragmentsDeclared(42, PROVIDER,
            List.of(new Declaration(1, CID_1, 1056), new Declaration(2, CID_2, 540)), null, AT);

    private static DeclareFragments declare(String signer, Declaration... fragments) {
        return new DeclareFragments(signer, 42, List.of(fragments), null, AT);
    }

    private static RecordReplica receipt(String keeper, long cluster, long fragmentNo, String cid) {
        return new RecordReplica(keeper, cluster, 42, fragmentNo, cid, AT);
    }

    @Test
    void opensOnceWithItsPlacedFragments() {
        OpenStorage open = new OpenStorage(42, PROVIDER, OPENED.fragments(), AT);
        StorageState state = fixture.given().when(open).then(OPENED);

        assertThat(state.open()).isTrue();
        assertThat(state.fragments().get(2L).clusterId()).isEqualTo(8);
        fixture.given(OPENED).when(open).then();
    }

    @Test
    void theProviderDeclaresEachFragmentOnce() {
        StorageState state = fixture.given(OPENED)
                .when(declare(PROVIDER, new Declaration(2, CID_2, 540), new Declaration(1, CID_1, 1056)))
                .then(DECLARED);

        assertThat(state.declared()).isTrue();
        fixture.given(OPENED, DECLARED)
                .when(declare(PROVIDER, new Declaration(1, CID_1, 1056), new Declaration(2, CID_2, 540))).then();
        fixture.given(OPENED, DECLARED)
                .when(declare(PROVIDER, new Declaration(1, CID_2, 1056), new Declaration(2, CID_1, 540)))
                .thenRejects("KEEPER.ALREADY_DECLARED");
    }

    @Test
    void aDeclarationMayNameAnUploaderBesidesTheProvider() {
        List<Declaration> fragments = List.of(new Declaration(1, CID_1, 1056), new Declaration(2, CID_2, 540));
        StorageState state = fixture.given(OPENED)
                .when(new DeclareFragments(PROVIDER, 42, fragments, KEEPER_C, AT))
                .then(new FragmentsDeclared(42, PROVIDER, fragments, KEEPER_C, AT));
        assertThat(state.uploader()).isEqualTo(KEEPER_C);
        assertThat(state.mayUpload(PROVIDER)).isTrue();
        assertThat(state.mayUpload(KEEPER_C.toUpperCase().replace("0X", "0x"))).isTrue();
        assertThat(state.mayUpload(KEEPER_A)).isFalse();
        assertThat(state.mayUpload(null)).isFalse();

        StorageState plain = fixture.given(OPENED).when(declare(PROVIDER, fragments.toArray(Declaration[]::new)))
                .then(DECLARED);
        assertThat(plain.uploader()).isNull();
        assertThat(plain.mayUpload(KEEPER_C)).isFalse();
        // the uploader does not declare: only the provider does, or the registry's reaction in its name
        fixture.given(OPENED).when(new DeclareFragments(KEEPER_C, 42, fragments, KEEPER_C, AT))
                .thenRejects("KEEPER.NOT_PROVIDER");
    }

    @Test
    void theUploaderOfTheSameCidsTheProviderDeclaredFirstIsRecordedOnce() {
        List<Declaration> fragments = List.of(new Declaration(1, CID_1, 1056), new Declaration(2, CID_2, 540));
        StorageState state = fixture.given(OPENED, DECLARED)
                .when(new DeclareFragments(PROVIDER, 42, fragments, KEEPER_C, AT.plusSeconds(60)))
                .then(new FragmentsDeclared(42, PROVIDER, fragments, KEEPER_C, AT.plusSeconds(60)));
        assertThat(state.uploader()).isEqualTo(KEEPER_C);
        assertThat(state.fragments().get(1L).cid()).isEqualTo(CID_1);

        FragmentsDeclared withUploader = new FragmentsDeclared(42, PROVIDER, fragments, KEEPER_C, AT.plusSeconds(60));
        fixture.given(OPENED, DECLARED, withUploader).when(new DeclareFragments(PROVIDER, 42, fragments, KEEPER_C, AT.plusSeconds(60)))
                .then();
        // the provider's own declaration again keeps the uploader; other CIDs are still refused
        assertThat(fixture.given(OPENED, withUploader).when(declare(PROVIDER, fragments.toArray(Declaration[]::new)))
                .then().uploader()).isEqualTo(KEEPER_C);
        fixture.given(OPENED, DECLARED).when(new DeclareFragments(PROVIDER, 42, List.of(new Declaration(1, CID_2, 1056),
                new Declaration(2, CID_1, 540)), KEEPER_C, AT.plusSeconds(60))).thenRejects("KEEPER.ALREADY_DECLARED");
    }

    @Test
    void refusesDeclarationsThatAreNotTheProvidersOrDoNotFit() {
        fixture.given(OPENED).when(declare(KEEPER_A, new Declaration(1, CID_1, 1056), new Declaration(2, CID_2, 540)))
                .thenRejects("KEEPER.NOT_PROVIDER", "Only provider can declare the fragments");
        fixture.given(OPENED).when(declare(PROVIDER, new Declaration(1, CID_1, 1056)))
                .thenRejects("KEEPER.FRAGMENTS_MISMATCH");
        fixture.given(OPENED).when(declare(PROVIDER, new Declaration(1, CID_1, 1056), new Declaration(1, CID_2, 560)))
                .thenRejects("KEEPER.FRAGMENTS_MISMATCH");
        fixture.given(OPENED).when(declare(PROVIDER, new Declaration(1, "QmNotACidV1", 1100),
                new Declaration(2, CID_2, 540))).thenRejects("KEEPER.INVALID_CID");
        long most = SegmentedAead.ciphertextSize(1000);
        fixture.given(OPENED).when(declare(PROVIDER, new Declaration(1, CID_1, most + 1),
                new Declaration(2, CID_2, 540))).thenRejects("KEEPER.INVALID_SIZE");
        fixture.given(OPENED).when(declare(PROVIDER, new Declaration(1, CID_1, 0),
                new Declaration(2, CID_2, 540))).thenRejects("KEEPER.INVALID_SIZE");
        fixture.given().when(declare(PROVIDER, new Declaration(1, CID_1, 1056)))
                .thenRejects("KEEPER.STORAGE_NOT_FOUND");
        fixture.given(OPENED, new StorageClosed(42, "removed", AT))
                .when(declare(PROVIDER, new Declaration(1, CID_1, 1056), new Declaration(2, CID_2, 540)))
                .thenRejects("KEEPER.STORAGE_CLOSED");
    }

    @Test
    void aFragmentIsStoredAtTheSecondReplicaAndOnlyOnce() {
        ReplicaStored first = new ReplicaStored(42, 1, CID_1, KEEPER_A, 7, AT);
        fixture.given(OPENED, DECLARED).when(receipt(KEEPER_A, 7, 1, CID_1)).then(first);

        ReplicaStored second = new ReplicaStored(42, 1, CID_1, KEEPER_B, 7, AT);
        StorageState state = fixture.given(OPENED, DECLARED, first).when(receipt(KEEPER_B, 7, 1, CID_1))
                .then(second, new FragmentStored(42, 1, CID_1, 2, AT));
        assertThat(state.fragments().get(1L).stored()).isTrue();
        assertThat(state.fragments().get(1L).replicas()).containsOnlyKeys(KEEPER_A, KEEPER_B);

        fixture.given(OPENED, DECLARED, first, second, new FragmentStored(42, 1, CID_1, 2, AT))
                .when(receipt(KEEPER_C, 7, 1, CID_1))
                .then(new ReplicaStored(42, 1, CID_1, KEEPER_C, 7, AT));
        fixture.given(OPENED, DECLARED, first).when(receipt(KEEPER_A, 7, 1, CID_1)).then();
    }

    @Test
    void refusesReceiptsThatDoNotMatchThePlacementOrTheDeclaration() {
        fixture.given(OPENED, DECLARED).when(receipt(KEEPER_A, 8, 1, CID_1))
                .thenRejects("KEEPER.NOT_IN_CLUSTER");
        fixture.given(OPENED, DECLARED).when(receipt(KEEPER_A, -1, 1, CID_1))
                .thenRejects("KEEPER.NOT_A_KEEPER", "The signer is not a registered keeper");
        fixture.given(OPENED, DECLARED).when(receipt(KEEPER_A, 7, 1, CID_2))
                .thenRejects("KEEPER.CID_MISMATCH");
        fixture.given(OPENED, DECLARED).when(receipt(KEEPER_A, 7, 3, CID_1))
                .thenRejects("KEEPER.FRAGMENT_NOT_FOUND");
        fixture.given(OPENED).when(receipt(KEEPER_A, 7, 1, CID_1))
                .thenRejects("KEEPER.NOT_DECLARED");
        fixture.given(OPENED, DECLARED, new StorageClosed(42, "removed", AT)).when(receipt(KEEPER_A, 7, 1, CID_1))
                .thenRejects("KEEPER.STORAGE_CLOSED");
    }

    private static final ReplicaStored FIRST = new ReplicaStored(42, 1, CID_1, KEEPER_A, 7, AT);
    private static final ReplicaStored SECOND = new ReplicaStored(42, 1, CID_1, KEEPER_B, 7, AT);

    private static RecordAudit audit(String keeper, long day, boolean passed) {
        return new RecordAudit(42, 1, keeper, day, passed, 100, 1124, 0, passed ? null : "the node answered HTTP 404",
                AT);
    }

    @Test
    void anAuditOutcomeCountsOncePerReplicaAndDay() {
        StorageState state = fixture.given(OPENED, DECLARED, FIRST).when(audit(KEEPER_A, 20_000, true))
                .then(new AuditPassed(42, 1, KEEPER_A, 20_000, 100, 1124, 0, AT));
        assertThat(state.fragments().get(1L).replicas().get(KEEPER_A).lastAuditDay()).isEqualTo(20_000);
        fixture.given(OPENED, DECLARED, FIRST, new AuditPassed(42, 1, KEEPER_A, 20_000, 100, 1124, 0, AT))
                .when(audit(KEEPER_A, 20_000, false)).then();
        fixture.given(OPENED, DECLARED, FIRST).when(audit(KEEPER_C, 20_000, true)).then();
        fixture.given(OPENED, DECLARED, FIRST, new StorageClosed(42, "removed", AT))
                .when(audit(KEEPER_A, 20_000, true)).then();
    }

    @Test
    void aFailedAuditSaysWhichChunkAndWhy() {
        StorageState state = fixture.given(OPENED, DECLARED, FIRST).when(audit(KEEPER_A, 20_000, false))
                .then(new AuditFailed(42, 1, KEEPER_A, 20_000, 100, 1124, 0, "the node answered HTTP 404", AT));
        assertThat(state.fragments().get(1L).replicas().get(KEEPER_A).failedDays()).isEqualTo(1);
    }

    @Test
    void threeFailedDaysInARowMakeAReplicaFaultyAndAPassResetsTheCount() {
        AuditFailed day1 = new AuditFailed(42, 1, KEEPER_A, 1, 100, 1124, 0, "missing block", AT);
        AuditFailed day2 = new AuditFailed(42, 1, KEEPER_A, 2, 100, 1124, 0, "missing block", AT);
        StorageState state = fixture.given(OPENED, DECLARED, FIRST, SECOND, new FragmentStored(42, 1, CID_1, 2, AT),
                        day1, day2)
                .when(audit(KEEPER_A, 3, false))
                .then(new AuditFailed(42, 1, KEEPER_A, 3, 100, 1124, 0, "the node answered HTTP 404", AT),
                        new ReplicaFaulty(42, 1, KEEPER_A, 3, 1, AT));
        assertThat(state.fragments().get(1L).replicas()).containsOnlyKeys(KEEPER_B);
        assertThat(state.fragments().get(1L).stored()).isTrue();

        AuditPassed passed = new AuditPassed(42, 1, KEEPER_A, 2, 100, 1124, 0, AT);
        fixture.given(OPENED, DECLARED, FIRST, day1, passed).when(audit(KEEPER_A, 3, false))
                .then(new AuditFailed(42, 1, KEEPER_A, 3, 100, 1124, 0, "the node answered HTTP 404", AT));
    }

    @Test
    void aFaultyReplicaCountsAgainAfterANewReceipt() {
        ReplicaFaulty faulty = new ReplicaFaulty(42, 1, KEEPER_A, 3, 1, AT);
        StorageState state = fixture.given(OPENED, DECLARED, FIRST, SECOND, new FragmentStored(42, 1, CID_1, 2, AT),
                        faulty)
                .when(receipt(KEEPER_A, 7, 1, CID_1))
                .then(new ReplicaStored(42, 1, CID_1, KEEPER_A, 7, AT));
        assertThat(state.fragments().get(1L).replicas().get(KEEPER_A).failedDays()).isZero();
    }

    @Test
    void closesOnce() {
        StorageState state = fixture.given(OPENED).when(new CloseStorage(42, "removed", AT))
                .then(new StorageClosed(42, "removed", AT));
        assertThat(state.open()).isFalse();
        fixture.given(OPENED, new StorageClosed(42, "removed", AT)).when(new CloseStorage(42, "storage ended", AT))
                .then();
    }
}
