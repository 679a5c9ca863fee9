package market.keeper.storage.domain;

import static market.keeper.storage.domain.StorageDeciderTest.AT;
import static market.keeper.storage.domain.StorageDeciderTest.CID_1;
import static market.keeper.storage.domain.StorageDeciderTest.CID_2;
import static market.keeper.storage.domain.StorageDeciderTest.KEEPER_A;
import static market.keeper.storage.domain.StorageDeciderTest.KEEPER_B;
import static market.keeper.storage.domain.StorageDeciderTest.KEEPER_C;
import static market.keeper.storage.domain.StorageDeciderTest.PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import market.keeper.storage.domain.StorageCommand.ClaimReward;
import market.keeper.storage.domain.StorageCommand.Declaration;
import market.keeper.storage.domain.StorageCommand.EndStorage;
import market.keeper.storage.domain.StorageCommand.FragmentSlot;
import market.keeper.storage.domain.StorageCommand.RecordAudit;
import market.keeper.storage.domain.StorageCommand.RecordReplica;
import market.keeper.storage.domain.StorageCommand.SettleClaim;
import market.keeper.storage.domain.StorageCommand.StartStorageTerm;
import market.keeper.storage.domain.StorageEvent.AuditPassed;
import market.keeper.storage.domain.StorageEvent.ClaimItem;
import market.keeper.storage.domain.StorageEvent.ClaimPaid;
import market.keeper.storage.domain.StorageEvent.ClaimRejected;
import market.keeper.storage.domain.StorageEvent.FragmentsDeclared;
import market.keeper.storage.domain.StorageEvent.ReplicaFaulty;
import market.keeper.storage.domain.StorageEvent.ReplicaStored;
import market.keeper.storage.domain.StorageEvent.RewardClaimed;
import market.keeper.storage.domain.StorageEvent.RewardEarned;
import market.keeper.storage.domain.StorageEvent.RewardOpened;
import market.keeper.storage.domain.StorageEvent.StorageClosed;
import market.keeper.storage.domain.StorageEvent.StorageEnded;
import market.keeper.storage.domain.StorageEvent.StorageOpened;
import market.keeper.storage.domain.StorageEvent.StorageTermStarted;
import market.platform.domain.Decision;
import market.platform.testing.DeciderFixture;
import org.junit.jupiter.api.Test;

/** The storage term, the keepers' rewards, their claims and the end of the term. */
class StorageRewardDeciderTest {

    /** 3 days from day 100, 4 units a replica and day. */
    private static final long PERIOD = 3;
    private static final long FEE = 4;
    private static final long START = 100;

    private final StorageDecider decider = new StorageDecider(2, 3);
    private final DeciderFixture<StorageCommand, StorageEvent, StorageState> fixture = DeciderFixture.of(decider);

    private static final StorageOpened OPENED = new StorageOpened(42, PROVIDER,
            List.of(new FragmentSlot(1, 1000, 7), new FragmentSlot(2, 500, 7)), AT);
    private static final FragmentsDeclared DECLARED = new FragmentsDeclared(42, PROVIDER,
            List.of(new Declaration(1, CID_1, 1056), new Declaration(2, CID_2, 540)), null, AT);
    private static final ReplicaStored A1 = new ReplicaStored(42, 1, CID_1, KEEPER_A, 7, AT);
    private static final ReplicaStored B1 = new ReplicaStored(42, 1, CID_1, KEEPER_B, 7, AT);
    private static final ReplicaStored A2 = new ReplicaStored(42, 2, CID_2, KEEPER_A, 7, AT);
    private static final StorageTermStarted TERM = new StorageTermStarted(42, PERIOD, FEE, START, START + PERIOD, AT);

    private static long rewardId(long fragmentNo, String keeper) {
        return StorageDecider.rewardId(42, fragmentNo, keeper);
    }

    private static RewardOpened opened(long fragmentNo, String keeper) {
        return new RewardOpened(rewardId(fragmentNo, keeper), 42, fragmentNo, 7, keeper, FEE * PERIOD, AT);
    }

    private static RewardEarned earned(long fragmentNo, String keeper, long day, long days) {
        return new RewardEarned(rewardId(fragmentNo, keeper), 42, fragmentNo, keeper, day, days, AT);
    }

    private static AuditPassed passed(long fragmentNo, String keeper, long day) {
        return new AuditPassed(42, fragmentNo, keeper, day, 0, 1024, 0, AT);
    }

    private static RecordAudit audit(long fragmentNo, String keeper, long day) {
        return new RecordAudit(42, fragmentNo, keeper, day, true, 0, 1024, 0, null, AT);
    }

    private static ClaimReward claim(String keeper, long claimId, long storagePeriod) {
        return new ClaimReward(keeper, 42, claimId, storagePeriod, AT);
    }

    /** A holds fragments 1 and 2, B holds fragment 1; the term runs; A earned 2 days of fragment 1 and 1 of fragment 2. */
    private static List<StorageEvent> earning() {
        return List.of(OPENED, DECLARED, A1, B1, A2, TERM, opened(1, KEEPER_A), opened(1, KEEPER_B),
                opened(2, KEEPER_A), passed(1, KEEPER_A, START), earned(1, KEEPER_A, START, 1),
                passed(1, KEEPER_A, START + 1), earned(1, KEEPER_A, START + 1, 2), passed(2, KEEPER_A, START),
                earned(2, KEEPER_A, START, 1));
    }

    @Test
    void theTermStartsOnceWithARewardForEachReplicaHeld() {
        StorageState state = fixture.given(OPENED, DECLARED, A1, B1, A2)
                .when(new StartStorageTerm(42, PERIOD, FEE, START, AT))
                .then(TERM, opened(1, KEEPER_A), opened(1, KEEPER_B), opened(2, KEEPER_A));

        assertThat(state.term()).isEqualTo(new StorageState.Term(PERIOD, FEE, START, START + PERIOD));
        assertThat(state.rewards()).hasSize(3);
        assertThat(state.rewards().get(StorageState.rewardKey(1, KEEPER_B)).rewardTotal()).isEqualTo(12);
        fixture.given(OPENED, DECLARED, A1, TERM, opened(1, KEEPER_A))
                .when(new StartStorageTerm(42, PERIOD, FEE, START + 5, AT)).then();
        fixture.given(OPENED, new StorageClosed(42, "removed", AT))
                .when(new StartStorageTerm(42, PERIOD, FEE, START, AT)).then();
    }

    @Test
    void refusesATermWithoutDaysOrWithAFeeBelowZero() {
        fixture.given(OPENED).when(new StartStorageTerm(42, 0, FEE, START, AT)).thenRejects("KEEPER.INVALID_TERM");
        fixture.given(OPENED).when(new StartStorageTerm(42, PERIOD, -1, START, AT)).thenRejects("KEEPER.INVALID_TERM");
        fixture.given(OPENED).when(new StartStorageTerm(42, Long.MAX_VALUE, 2, START, AT))
                .thenRejects("KEEPER.INVALID_TERM");
        fixture.given().when(new StartStorageTerm(42, PERIOD, FEE, START, AT))
                .thenRejects("KEEPER.STORAGE_NOT_FOUND");
    }

    @Test
    void aReplicaStoredDuringTheTermOpensItsReward() {
        fixture.given(OPENED, DECLARED, A1, TERM, opened(1, KEEPER_A))
                .when(new RecordReplica(KEEPER_C, 7, 42, 1, CID_1, AT))
                .then(new ReplicaStored(42, 1, CID_1, KEEPER_C, 7, AT), new StorageEvent.FragmentStored(42, 1, CID_1,
                        2, AT), opened(1, KEEPER_C));
    }

    @Test
    void aPassedAuditOnADayOfTheTermEarnsThatDayOnce() {
        List<StorageEvent> given = List.of(OPENED, DECLARED, A1, TERM, opened(1, KEEPER_A));
        StorageState state = fixture.given(given.toArray(StorageEvent[]::new)).when(audit(1, KEEPER_A, START))
                .then(passed(1, KEEPER_A, START), earned(1, KEEPER_A, START, 1));
        assertThat(state.rewards().get(StorageState.rewardKey(1, KEEPER_A)).earnedDays()).isEqualTo(1);

        // before and after the term an audit earns nothing
        fixture.given(given.toArray(StorageEvent[]::new)).when(audit(1, KEEPER_A, START - 1))
                .then(passed(1, KEEPER_A, START - 1));
        fixture.given(given.toArray(StorageEvent[]::new)).when(audit(1, KEEPER_A, START + PERIOD))
                .then(passed(1, KEEPER_A, START + PERIOD));
    }

    @Test
    void aReplicaStoredAgainAfterBeingFaultyDoesNotEarnTheSameDayTwice() {
        List<StorageEvent> given = new ArrayList<>(List.of(OPENED, DECLARED, A1, TERM, opened(1, KEEPER_A),
                passed(1, KEEPER_A, START), earned(1, KEEPER_A, START, 1), new ReplicaFaulty(42, 1, KEEPER_A, 3, 0, AT),
                new ReplicaStored(42, 1, CID_1, KEEPER_A, 7, AT)));
        fixture.given(given.toArray(StorageEvent[]::new)).when(audit(1, KEEPER_A, START))
                .then(passed(1, KEEPER_A, START));
        fixture.given(given.toArray(StorageEvent[]::new)).when(audit(1, KEEPER_A, START + 1))
                .then(passed(1, KEEPER_A, START + 1), earned(1, KEEPER_A, START + 1, 2));
    }

    @Test
    void aDayWhoseAuditFailedEarnsNothingEvenAfterTheReplicaIsStoredAgainThatDay() {
        StorageEvent.AuditFailed failed = new StorageEvent.AuditFailed(42, 1, KEEPER_A, START + 1, 0, 1024, 0,
                "missing block", AT);
        StorageState state = fixture.given(OPENED, DECLARED, A1, TERM, opened(1, KEEPER_A), failed,
                        new ReplicaFaulty(42, 1, KEEPER_A, 3, 0, AT), new ReplicaStored(42, 1, CID_1, KEEPER_A, 7, AT))
                .when(audit(1, KEEPER_A, START + 1)).then(passed(1, KEEPER_A, START + 1));
        assertThat(state.rewards().get(StorageState.rewardKey(1, KEEPER_A)).earnedDays()).isZero();
        assertThat(state.rewards().get(StorageState.rewardKey(1, KEEPER_A)).lastCountedDay()).isEqualTo(START + 1);
    }

    @Test
    void aClaimPaysTheAuditedDaysTimesTheFeeOfEachReward() {
        StorageState state = fixture.given(earning().toArray(StorageEvent[]::new)).when(claim(KEEPER_A, 900, PERIOD))
                .then(new RewardClaimed(900, 42, KEEPER_A, PERIOD, 12, List.of(
                        new ClaimItem(rewardId(1, KEEPER_A), 1, 8), new ClaimItem(rewardId(2, KEEPER_A), 2, 4)), AT));

        assertThat(state.claims().get(900L).status()).isEqualTo(StorageState.ClaimStatus.PENDING);
        assertThat(state.rewards().get(StorageState.rewardKey(1, KEEPER_A)).claimed()).isEqualTo(8);
        assertThat(state.rewards().get(StorageState.rewardKey(1, KEEPER_A)).paid()).isZero();
    }

    @Test
    void storagePeriodCapsTheDaysAClaimCounts() {
        fixture.given(earning().toArray(StorageEvent[]::new)).when(claim(KEEPER_A, 900, 1))
                .then(new RewardClaimed(900, 42, KEEPER_A, 1, 8, List.of(
                        new ClaimItem(rewardId(1, KEEPER_A), 1, 4), new ClaimItem(rewardId(2, KEEPER_A), 2, 4)), AT));
    }

    @Test
    void claimingAgainForTheSameDaysPaysNothing() {
        List<StorageEvent> given = new ArrayList<>(earning());
        given.add(new RewardClaimed(900, 42, KEEPER_A, PERIOD, 12, List.of(
                new ClaimItem(rewardId(1, KEEPER_A), 1, 8), new ClaimItem(rewardId(2, KEEPER_A), 2, 4)), AT));
        fixture.given(given.toArray(StorageEvent[]::new)).when(claim(KEEPER_A, 901, PERIOD))
                .thenRejects("KEEPER.NOTHING_TO_CLAIM");
        // the same claim handled again changes nothing
        fixture.given(given.toArray(StorageEvent[]::new)).when(claim(KEEPER_A, 900, PERIOD)).then();

        // a day earned since is claimable, alone
        given.add(passed(2, KEEPER_A, START + 1));
        given.add(earned(2, KEEPER_A, START + 1, 2));
        fixture.given(given.toArray(StorageEvent[]::new)).when(claim(KEEPER_A, 902, PERIOD))
                .then(new RewardClaimed(902, 42, KEEPER_A, PERIOD, 4,
                        List.of(new ClaimItem(rewardId(2, KEEPER_A), 2, 4)), AT));
    }

    @Test
    void refusesClaimsWithoutRewardsOrDays() {
        fixture.given(earning().toArray(StorageEvent[]::new)).when(claim(KEEPER_A, 900, 0))
                .thenRejects("KEEPER.INVALID_STORAGE_PERIOD");
        fixture.given(earning().toArray(StorageEvent[]::new)).when(claim(KEEPER_C, 900, PERIOD))
                .thenRejects("KEEPER.REWARD_NOT_FOUND", "The keeper holds no reward for this data");
        fixture.given(OPENED, DECLARED, A1).when(claim(KEEPER_A, 900, PERIOD)).thenRejects("KEEPER.REWARD_NOT_FOUND");
        // B holds a reward but no audited day yet
        fixture.given(earning().toArray(StorageEvent[]::new)).when(claim(KEEPER_B, 900, PERIOD))
                .thenRejects("KEEPER.NOTHING_TO_CLAIM", "No audited storage day is left to claim");
        fixture.given().when(claim(KEEPER_A, 900, PERIOD)).thenRejects("KEEPER.STORAGE_NOT_FOUND");
    }

    @Test
    void saysWhenNothingCanEverBeClaimed() {
        StorageTermStarted noFee = new StorageTermStarted(42, PERIOD, 0, START, START + PERIOD, AT);
        fixture.given(OPENED, DECLARED, A1, noFee, new RewardOpened(rewardId(1, KEEPER_A), 42, 1, 7, KEEPER_A, 0, AT),
                        passed(1, KEEPER_A, START), earned(1, KEEPER_A, START, 1))
                .when(claim(KEEPER_A, 900, PERIOD)).thenRejects("KEEPER.NO_KEEPER_FEE");
        List<StorageEvent> claimedThenEnded = new ArrayList<>(earning());
        claimedThenEnded.add(new RewardClaimed(900, 42, KEEPER_A, PERIOD, 12, List.of(
                new ClaimItem(rewardId(1, KEEPER_A), 1, 8), new ClaimItem(rewardId(2, KEEPER_A), 2, 4)), AT));
        claimedThenEnded.add(new StorageEnded(42, START + PERIOD, AT));
        fixture.given(claimedThenEnded.toArray(StorageEvent[]::new)).when(claim(KEEPER_A, 901, PERIOD))
                .thenRejects("KEEPER.ALL_CLAIMED");
    }

    @Test
    void aPaidClaimIsSettledOnce() {
        List<StorageEvent> given = new ArrayList<>(earning());
        given.add(new RewardClaimed(900, 42, KEEPER_A, PERIOD, 12, List.of(
                new ClaimItem(rewardId(1, KEEPER_A), 1, 8), new ClaimItem(rewardId(2, KEEPER_A), 2, 4)), AT));
        StorageState state = fixture.given(given.toArray(StorageEvent[]::new))
                .when(new SettleClaim(42, 900, true, null, AT)).then(new ClaimPaid(900, 42, KEEPER_A, 12, AT));

        assertThat(state.claims().get(900L).status()).isEqualTo(StorageState.ClaimStatus.PAID);
        assertThat(state.rewards().get(StorageState.rewardKey(1, KEEPER_A)).paid()).isEqualTo(8);
        assertThat(state.rewards().get(StorageState.rewardKey(2, KEEPER_A)).paid()).isEqualTo(4);
        given.add(new ClaimPaid(900, 42, KEEPER_A, 12, AT));
        fixture.given(given.toArray(StorageEvent[]::new)).when(new SettleClaim(42, 900, false, "late", AT)).then();
        fixture.given(given.toArray(StorageEvent[]::new)).when(new SettleClaim(42, 999, true, null, AT))
                .thenRejects("KEEPER.CLAIM_NOT_FOUND");
    }

    @Test
    void aRefusedClaimMakesItsDaysClaimableAgain() {
        List<StorageEvent> given = new ArrayList<>(earning());
        given.add(new RewardClaimed(900, 42, KEEPER_A, PERIOD, 12, List.of(
                new ClaimItem(rewardId(1, KEEPER_A), 1, 8), new ClaimItem(rewardId(2, KEEPER_A), 2, 4)), AT));
        StorageState state = fixture.given(given.toArray(StorageEvent[]::new))
                .when(new SettleClaim(42, 900, false, "insufficient funds", AT))
                .then(new ClaimRejected(900, 42, KEEPER_A, 12, "insufficient funds", AT));
        assertThat(state.rewards().get(StorageState.rewardKey(1, KEEPER_A)).claimed()).isZero();

        given.add(new ClaimRejected(900, 42, KEEPER_A, 12, "insufficient funds", AT));
        fixture.given(given.toArray(StorageEvent[]::new)).when(claim(KEEPER_A, 901, PERIOD))
                .then(new RewardClaimed(901, 42, KEEPER_A, PERIOD, 12, List.of(
                        new ClaimItem(rewardId(1, KEEPER_A), 1, 8), new ClaimItem(rewardId(2, KEEPER_A), 2, 4)), AT));
    }

    @Test
    void theTermEndsOnceOnTheFirstDayAfterIt() {
        fixture.given(earning().toArray(StorageEvent[]::new)).when(new EndStorage(42, START + PERIOD - 1, AT)).then();
        StorageState state = fixture.given(earning().toArray(StorageEvent[]::new))
                .when(new EndStorage(42, START + PERIOD, AT)).then(new StorageEnded(42, START + PERIOD, AT));
        assertThat(state.open()).isFalse();
        assertThat(state.ended()).isTrue();

        List<StorageEvent> ended = new ArrayList<>(earning());
        ended.add(new StorageEnded(42, START + PERIOD, AT));
        fixture.given(ended.toArray(StorageEvent[]::new)).when(new EndStorage(42, START + PERIOD + 1, AT)).then();
        // no more audits, and what was earned stays claimable
        fixture.given(ended.toArray(StorageEvent[]::new)).when(audit(1, KEEPER_B, START + 2)).then();
        fixture.given(ended.toArray(StorageEvent[]::new)).when(claim(KEEPER_A, 900, PERIOD))
                .then(new RewardClaimed(900, 42, KEEPER_A, PERIOD, 12, List.of(
                        new ClaimItem(rewardId(1, KEEPER_A), 1, 8), new ClaimItem(rewardId(2, KEEPER_A), 2, 4)), AT));
        // data without a term never ends by its term
        fixture.given(OPENED).when(new EndStorage(42, START + 1000, AT)).then();
    }

    /**
     * Five keepers holding every fragment, each audited every day, before, through and after the
     * term, each claiming every day: what they are paid is exactly the formula's, and never more
     * than the registration fee the daily keeper fee was cut from.
     */
    @Test
    void keepersAreNeverPaidMoreThanTheFee() {
        long dayStorageFee = 37;
        int fragments = 3;
        long fee = dayStorageFee / fragments / 5;
        long period = 6;
        List<String> keepers = List.of(KEEPER_A, KEEPER_B, KEEPER_C, "0x000000000000000000000000000000000000000d",
                "0x000000000000000000000000000000000000000e");
        StorageState state = decider.initialState();
        state = apply(state, new StorageCommand.OpenStorage(42, PROVIDER, List.of(new FragmentSlot(1, 1000, 7),
                new FragmentSlot(2, 1000, 7), new FragmentSlot(3, 1000, 7)), AT));
        state = apply(state, new StorageCommand.DeclareFragments(PROVIDER, 42, List.of(new Declaration(1, CID_1, 1056),
                new Declaration(2, CID_1, 1056), new Declaration(3, CID_1, 1056)), null, AT));
        for (String keeper : keepers) {
            for (long f = 1; f <= fragments; f++) {
                state = apply(state, new RecordReplica(keeper, 7, 42, f, CID_1, AT));
            }
        }
        state = apply(state, new StartStorageTerm(42, period, fee, START, AT));
        long claimId = 1;
        for (long day = START - 2; day < START + period + 2; day++) {
            for (String keeper : keepers) {
                for (long f = 1; f <= fragments; f++) {
                    state = apply(state, new RecordAudit(42, f, keeper, day, true, 0, 1024, 0, null, AT));
                }
                state = apply(state, claim(keeper, claimId++, period + 10));
            }
            state = apply(state, new EndStorage(42, day, AT));
        }
        long paid = state.claims().values().stream().mapToLong(StorageState.Claim::quantity).sum();
        assertThat(paid).isEqualTo(keepers.size() * fragments * fee * period);
        assertThat(paid).isLessThanOrEqualTo(dayStorageFee * period);
        assertThat(state.ended()).isTrue();
    }

    private StorageState apply(StorageState state, StorageCommand command) {
        Decision<StorageEvent> decision = decider.decide(command, state);
        if (decision instanceof Decision.Accepted<StorageEvent> accepted) {
            for (StorageEvent event : accepted.events()) {
                state = decider.evolve(state, event);
            }
        }
        return state;
    }
}
