package market.keeper.directory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import market.keeper.directory.domain.DirectoryCommand.AddCluster;
import market.keeper.directory.domain.DirectoryCommand.AddKeeper;
import market.keeper.directory.domain.DirectoryCommand.FragmentToPlace;
import market.keeper.directory.domain.DirectoryCommand.PlaceFragments;
import market.keeper.directory.domain.DirectoryCommand.ReleasePlacement;
import market.keeper.directory.domain.DirectoryEvent.ClusterAdded;
import market.keeper.directory.domain.DirectoryEvent.FragmentsPlaced;
import market.keeper.directory.domain.DirectoryEvent.KeeperAdded;
import market.keeper.directory.domain.DirectoryEvent.Placement;
import market.keeper.directory.domain.DirectoryEvent.PlacementRejected;
import market.keeper.directory.domain.DirectoryEvent.PlacementReleased;
import market.platform.domain.Rejection;
import market.platform.testing.DeciderFixture;
import org.junit.jupiter.api.Test;

class DirectoryDeciderTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final String OWNER = "0x1111111111111111111111111111111111111111";
    private static final String PROVIDER = "0x9999999999999999999999999999999999999999";
    private static final String HASH_A = "a".repeat(64);
    private static final String HASH_B = "b".repeat(64);
    private static final String KEY = "0x" + "c".repeat(128);

    private final DeciderFixture<DirectoryCommand, DirectoryEvent, DirectoryState> fixture =
            DeciderFixture.of(new DirectoryDecider());

    private static String keeper(int n) {
        return String.format("0x%040d", n);
    }

    private static KeeperAdded joined(int n, long cluster, long capacity) {
        return new KeeperAdded(keeper(n), cluster, capacity, KEY, "10.0.0." + n, 4001, AT);
    }

    private static AddKeeper add(int n, long cluster, long capacity) {
        return new AddKeeper(keeper(n), capacity, cluster, KEY, "10.0.0." + n, 4001, AT);
    }

    private static ClusterAdded cluster(long id, String hash) {
        return new ClusterAdded(id, OWNER, hash, AT);
    }

    private static PlaceFragments place(long dataId, FragmentToPlace... fragments) {
        return new PlaceFragments(dataId, PROVIDER, List.of(fragments), AT);
    }

    @Test
    void addsAClusterWithItsKeyHash() {
        DirectoryState state = fixture.given()
                .when(new AddCluster(OWNER, 7, HASH_A.toUpperCase(), AT))
                .then(new ClusterAdded(7, OWNER, HASH_A, AT));

        assertThat(state.clusters().get(7L).capacity()).isZero();
        assertThat(state.clusters().get(7L).keepers()).isEmpty();
    }

    @Test
    void rejectsAKeyHashThatIsNotSha256Hex() {
        Rejection rejection = fixture.given().when(new AddCluster(OWNER, 7, "abc", AT))
                .thenRejects("KEEPER.INVALID_CLUSTER_KEY_HASH");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.INVALID);
        fixture.given().when(new AddCluster(OWNER, 7, "g".repeat(64), AT)).thenRejects("KEEPER.INVALID_CLUSTER_KEY_HASH");
    }

    @Test
    void rejectsAKeyHashAlreadyRegistered() {
        fixture.given(cluster(7, HASH_A))
                .when(new AddCluster(PROVIDER, 8, HASH_A, AT))
                .thenRejects("KEEPER.CLUSTER_KEY_HASH_TAKEN", "The cluster key hash is already registered");
    }

    @Test
    void theSameAddClusterAgainChangesNothing() {
        fixture.given(cluster(7, HASH_A)).when(new AddCluster(OWNER, 7, HASH_A, AT)).then();
        fixture.given(cluster(7, HASH_A)).when(new AddCluster(OWNER, 7, HASH_B, AT))
                .thenRejects("KEEPER.CLUSTER_EXISTS", "The cluster already exists");
    }

    @Test
    void addsAKeeperToTheClusterItNames() {
        DirectoryState state = fixture.given(cluster(7, HASH_A), cluster(8, HASH_B))
                .when(add(1, 8, 1000))
                .then(joined(1, 8, 1000));

        assertThat(state.clusters().get(8L).keepers()).containsExactly(keeper(1));
        assertThat(state.clusters().get(8L).capacity()).isEqualTo(1000);
        assertThat(state.keepers().get(keeper(1)).since()).isEqualTo(AT);
    }

    @Test
    void aClustersCapacityIsTheSumOfItsKeepers() {
        DirectoryState state = fixture.given(cluster(7, HASH_A), joined(1, 7, 1000), joined(2, 7, 500))
                .when(add(3, 7, 250))
                .then(joined(3, 7, 250));

        assertThat(state.clusters().get(7L).capacity()).isEqualTo(1750);
    }

    @Test
    void rejectsASixthKeeperInAFullCluster() {
        fixture.given(cluster(7, HASH_A), joined(1, 7, 10), joined(2, 7, 10), joined(3, 7, 10), joined(4, 7, 10),
                        joined(5, 7, 10))
                .when(add(6, 7, 10))
                .thenRejects("KEEPER.CLUSTER_FULL", "The cluster already has 5 keepers");
    }

    @Test
    void clusterZeroPicksTheMostFreeRoomAmongClustersNotFull() {
        // cluster 7 has the most room but is full; 9 and 8 tie on room, so the lower id wins
        fixture.given(cluster(7, HASH_A), cluster(8, HASH_B), cluster(9, "9".repeat(64)),
                        joined(1, 7, 900), joined(2, 7, 900), joined(3, 7, 900), joined(4, 7, 900), joined(5, 7, 900),
                        joined(11, 9, 300), joined(12, 8, 300))
                .when(add(6, 0, 10))
                .then(joined(6, 8, 10));
    }

    @Test
    void clusterZeroCountsUsageInFreeRoom() {
        fixture.given(cluster(7, HASH_A), cluster(8, HASH_B), joined(1, 7, 1000), joined(2, 8, 800),
                        new FragmentsPlaced(42, PROVIDER, List.of(new Placement(1, 500, 7)), AT))
                .when(add(3, 0, 10))
                .then(joined(3, 8, 10));
    }

    @Test
    void clusterZeroWithNoClusterLeftIsRefused() {
        fixture.given().when(add(1, 0, 10))
                .thenRejects("KEEPER.NO_CLUSTER_AVAILABLE", "No cluster has room for another keeper");
    }

    @Test
    void rejectsAnUnknownCluster() {
        fixture.given(cluster(7, HASH_A)).when(add(1, 8, 10))
                .thenRejects("KEEPER.CLUSTER_NOT_FOUND", "The cluster does not exist");
    }

    @Test
    void oneKeeperPerAccount() {
        fixture.given(cluster(7, HASH_A), cluster(8, HASH_B), joined(1, 7, 10))
                .when(new AddKeeper(keeper(1), 10, 8, KEY, "10.0.0.99", 4001, AT))
                .thenRejects("KEEPER.KEEPER_EXISTS", "The keeper is already registered");
    }

    @Test
    void twoKeepersNeverShareANodeAddress() {
        fixture.given(cluster(7, HASH_A), joined(1, 7, 10))
                .when(new AddKeeper(keeper(2), 10, 7, KEY, "10.0.0.1", 4001, AT))
                .thenRejects("KEEPER.NODE_ADDRESS_TAKEN");
    }

    @Test
    void rejectsBadCapacityAddressPortAndClusterId() {
        fixture.given(cluster(7, HASH_A));
        fixture.given(cluster(7, HASH_A)).when(add(1, 7, 0)).thenRejects("KEEPER.INVALID_CAPACITY");
        fixture.given(cluster(7, HASH_A)).when(add(1, 7, -5)).thenRejects("KEEPER.INVALID_CAPACITY");
        fixture.given(cluster(7, HASH_A), joined(2, 7, Long.MAX_VALUE - 5)).when(add(1, 7, 10))
                .thenRejects("KEEPER.INVALID_CAPACITY", "the cluster's capacity would overflow");
        for (String bad : List.of("", "localhost", "10.0.0", "10.0.0.256", "01.2.3.4", "1:2:3", "1::2::3", ":1",
                "12345::1", "1.2.3.4 ")) {
            fixture.given(cluster(7, HASH_A)).when(new AddKeeper(keeper(1), 10, 7, KEY, bad, 4001, AT))
                    .thenRejects("KEEPER.INVALID_IPADDR");
        }
        for (int port : new int[] {0, -1, 65536}) {
            fixture.given(cluster(7, HASH_A)).when(new AddKeeper(keeper(1), 10, 7, KEY, "10.0.0.1", port, AT))
                    .thenRejects("KEEPER.INVALID_PORT", "port must be 1 to 65535");
        }
        fixture.given(cluster(7, HASH_A)).when(add(1, -7, 10)).thenRejects("KEEPER.INVALID_CLUSTER_ID");
    }

    @Test
    void acceptsIpv6Addresses() {
        for (String ip : List.of("::1", "fe80::1", "2001:db8:0:0:0:0:2:1", "::ffff:10.0.0.1", "1::")) {
            fixture.given(cluster(7, HASH_A)).when(new AddKeeper(keeper(1), 10, 7, KEY, ip, 4001, AT))
                    .then(new KeeperAdded(keeper(1), 7, 10, KEY, ip, 4001, AT));
        }
    }

    @Test
    void placesEachFragmentOnTheClusterItNamesAndReservesItsSize() {
        DirectoryState state = fixture.given(cluster(7, HASH_A), cluster(8, HASH_B), joined(1, 7, 1000),
                        joined(2, 8, 1000))
                .when(place(42, new FragmentToPlace(1, 300, 7), new FragmentToPlace(2, 400, 8)))
                .then(new FragmentsPlaced(42, PROVIDER, List.of(new Placement(1, 300, 7), new Placement(2, 400, 8)),
                        AT));

        assertThat(state.clusters().get(7L).usage()).isEqualTo(300);
        assertThat(state.clusters().get(8L).usage()).isEqualTo(400);
    }

    @Test
    void clusterZeroPlacesEachFragmentWhereMostRoomIsLeft() {
        // 7 has 1000, 8 has 900: fragment 1 (300) goes to 7, leaving 700, so fragment 2 goes to 8,
        // leaving 500, and fragment 3 (100) to 7 again
        fixture.given(cluster(7, HASH_A), cluster(8, HASH_B), joined(1, 7, 1000), joined(2, 8, 900))
                .when(place(42, new FragmentToPlace(1, 300, 0), new FragmentToPlace(2, 400, 0),
                        new FragmentToPlace(3, 100, 0)))
                .then(new FragmentsPlaced(42, PROVIDER, List.of(new Placement(1, 300, 7), new Placement(2, 400, 8),
                        new Placement(3, 100, 7)), AT));
    }

    @Test
    void placementWithoutRoomIsRejectedAsAnEventAndReservesNothing() {
        DirectoryState state = fixture.given(cluster(7, HASH_A), joined(1, 7, 1000))
                .when(place(42, new FragmentToPlace(1, 600, 7), new FragmentToPlace(2, 600, 7)))
                .then(new PlacementRejected(42, PROVIDER, "cluster 7 has no room for fragment 2 (600 bytes)", AT));

        assertThat(state.clusters().get(7L).usage()).isZero();
        fixture.given(cluster(7, HASH_A), joined(1, 7, 1000))
                .when(place(43, new FragmentToPlace(1, 2000, 0)))
                .then(new PlacementRejected(43, PROVIDER, "no cluster has room for fragment 1 (2000 bytes)", AT));
        fixture.given(cluster(7, HASH_A))
                .when(place(44, new FragmentToPlace(1, 10, 9)))
                .then(new PlacementRejected(44, PROVIDER, "cluster 9 does not exist", AT));
        fixture.given(cluster(7, HASH_A), joined(1, 7, 1000))
                .when(place(45, new FragmentToPlace(1, 0, 7)))
                .then(new PlacementRejected(45, PROVIDER,
                        "fragments must each have a size above 0 and a cluster id of 0 or more", AT));
    }

    @Test
    void aPlacementArrivingAgainChangesNothing() {
        FragmentsPlaced placed = new FragmentsPlaced(42, PROVIDER, List.of(new Placement(1, 300, 7)), AT);
        fixture.given(cluster(7, HASH_A), joined(1, 7, 1000), placed)
                .when(place(42, new FragmentToPlace(1, 300, 7))).then();
        fixture.given(cluster(7, HASH_A), joined(1, 7, 1000), new PlacementRejected(42, PROVIDER, "no room", AT))
                .when(place(42, new FragmentToPlace(1, 300, 7))).then();
    }

    @Test
    void releaseGivesTheRoomBackOnce() {
        FragmentsPlaced placed = new FragmentsPlaced(42, PROVIDER, List.of(new Placement(1, 300, 7)), AT);
        DirectoryState state = fixture.given(cluster(7, HASH_A), joined(1, 7, 1000), placed)
                .when(new ReleasePlacement(42, "removed", AT))
                .then(new PlacementReleased(42, "removed", AT));

        assertThat(state.clusters().get(7L).usage()).isZero();
        assertThat(state.placements()).doesNotContainKey(42L);
        fixture.given(cluster(7, HASH_A), joined(1, 7, 1000), placed, new PlacementReleased(42, "removed", AT))
                .when(new ReleasePlacement(42, "storage ended", AT)).then();
    }

    @Test
    void aDatasetReleasedBeforeItsPlacementArrivedIsNeverPlaced() {
        fixture.given(cluster(7, HASH_A), joined(1, 7, 1000), new PlacementReleased(42, "registration failed", AT))
                .when(place(42, new FragmentToPlace(1, 300, 7))).then();
        fixture.given(cluster(7, HASH_A), joined(1, 7, 1000))
                .when(new ReleasePlacement(42, "registration failed", AT))
                .then(new PlacementReleased(42, "registration failed", AT));
    }
}
