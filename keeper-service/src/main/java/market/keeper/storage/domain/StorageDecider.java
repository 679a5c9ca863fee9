package market.keeper.storage.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import market.keeper.storage.domain.StorageCommand.ClaimReward;
import market.keeper.storage.domain.StorageCommand.CloseStorage;
import market.keeper.storage.domain.StorageCommand.Declaration;
import market.keeper.storage.domain.StorageCommand.DeclareFragments;
import market.keeper.storage.domain.StorageCommand.EndStorage;
import market.keeper.storage.domain.StorageCommand.FragmentSlot;
import market.keeper.storage.domain.StorageCommand.OpenStorage;
import market.keeper.storage.domain.StorageCommand.RecordAudit;
import market.keeper.storage.domain.StorageCommand.RecordReplica;
import market.keeper.storage.domain.StorageCommand.SettleClaim;
import market.keeper.storage.domain.StorageCommand.StartStorageTerm;
import market.keeper.storage.domain.StorageEvent.AuditFailed;
import market.keeper.storage.domain.StorageEvent.AuditPassed;
import market.keeper.storage.domain.StorageEvent.ClaimItem;
import market.keeper.storage.domain.StorageEvent.ClaimPaid;
import market.keeper.storage.domain.StorageEvent.ClaimRejected;
import market.keeper.storage.domain.StorageEvent.FragmentStored;
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
import market.keeper.storage.domain.StorageState.Claim;
import market.keeper.storage.domain.StorageState.ClaimStatus;
import market.keeper.storage.domain.StorageState.Reward;
import market.keeper.storage.domain.StorageState.Term;
import market.keeper.storage.domain.StorageState.Fragment;
import market.platform.content.Cid;
import market.platform.crypto.SegmentedAead;
import market.platform.domain.Decider;
import market.platform.domain.Decision;
import market.platform.domain.Rejection;
import market.platform.ids.Ids;

/**
 * Rules of a dataset's storage: it opens once, with its placed fragments; only its provider
 * declares the fragments, each once, with an IPFS CIDv1 and an encrypted size above 0 and at most
 * what segmented encryption makes of the plain size; a receipt counts only from a keeper of the
 * fragment's cluster, for the declared CID, while the storage is open, once per keeper; the
 * receipt that brings a fragment to {@code minReplicas} replicas also marks it stored, once. Each
 * replica has one audit outcome a storage day; {@code failuresBeforeFaulty} failed days in a row
 * make it faulty, and it no longer counts until its keeper sends a new receipt.
 * <p>
 * Rewards ({@link KeeperReward}): the term starts once, when the data goes on sale, and opens a
 * reward for each replica held then or stored later; a passed audit on a day of the term earns
 * its reward that day, once, unless an audit already failed for it that day (a replica made
 * faulty and stored again the same day earns from the next day); a keeper claims what its rewards on the data may pay, and a claim
 * that would pay nothing is refused; settlement's answer settles a pending claim once, and a
 * refused claim's quantity is claimable again. The term ends, once, on the first storage day
 * after it; the data is then closed, and its rewards stay claimable.
 */
public final class StorageDecider implements Decider<StorageCommand, StorageEvent, StorageState> {

    private final int minReplicas;
    private final int failuresBeforeFaulty;

    public StorageDecider(int minReplicas, int failuresBeforeFaulty) {
        if (minReplicas < 1 || failuresBeforeFaulty < 1) {
            throw new IllegalArgumentException("min-replicas and audit-failures-before-faulty must be at least 1");
        }
        this.minReplicas = minReplicas;
        this.failuresBeforeFaulty = failuresBeforeFaulty;
    }

    @Override
    public StorageState initialState() {
        return StorageState.NONE;
    }

    @Override
    public Decision<StorageEvent> decide(StorageCommand command, StorageState state) {
        if (command instanceof OpenStorage c) {
            return state.exists() ? Decision.accept()
                    : Decision.accept(new StorageOpened(c.dataId(), c.provider(), c.fragments(), c.at()));
        }
        if (!state.exists()) {
            return Decision.reject(Rejection.notFound("KEEPER.STORAGE_NOT_FOUND", "The data has no fragments placed"));
        }
        if (command instanceof CloseStorage c) {
            return state.open() ? Decision.accept(new StorageClosed(c.dataId(), c.reason(), c.at())) : Decision.accept();
        }
        if (command instanceof DeclareFragments c) {
            return declare(c, state);
        }
        if (command instanceof RecordAudit c) {
            return audit(c, state);
        }
        if (command instanceof StartStorageTerm c) {
            return startTerm(c, state);
        }
        if (command instanceof ClaimReward c) {
            return claim(c, state);
        }
        if (command instanceof SettleClaim c) {
            return settle(c, state);
        }
        if (command instanceof EndStorage c) {
            Term term = state.term();
            return term != null && !state.ended() && state.open() && c.day() >= term.endDay()
                    ? Decision.accept(new StorageEnded(c.dataId(), c.day(), c.at())) : Decision.accept();
        }
        return replica((RecordReplica) command, state);
    }

    /** The term starts once, while the data is stored, with a reward for each replica held now. */
    private static Decision<StorageEvent> startTerm(StartStorageTerm c, StorageState state) {
        if (state.term() != null || !state.open()) {
            return Decision.accept();
        }
        if (c.period() < 1 || c.dayFee() < 0) {
            return Decision.reject(Rejection.invalid("KEEPER.INVALID_TERM",
                    "period must be at least 1 day and the keeper fee at least 0"));
        }
        long total;
        try {
            total = KeeperReward.total(c.dayFee(), c.period());
        } catch (ArithmeticException e) {
            return Decision.reject(Rejection.invalid("KEEPER.INVALID_TERM", "the reward total overflows"));
        }
        List<StorageEvent> events = new ArrayList<>();
        events.add(new StorageTermStarted(c.dataId(), c.period(), c.dayFee(), c.startDay(),
                c.startDay() + c.period(), c.at()));
        for (Fragment f : state.fragments().values()) {
            f.replicas().keySet().stream().sorted().forEach(account ->
                    events.add(rewardOpened(c.dataId(), f, account, total, c.at())));
        }
        return new Decision.Accepted<>(events);
    }

    private static RewardOpened rewardOpened(long dataId, Fragment f, String account, long total,
            java.time.Instant at) {
        return new RewardOpened(rewardId(dataId, f.fragmentNo(), account), dataId, f.fragmentNo(), f.clusterId(),
                account, total, at);
    }

    /** A reward's id: the same data, fragment and keeper always give the same id. */
    public static long rewardId(long dataId, long fragmentNo, String account) {
        return Ids.derive("reward", account, dataId + "/" + fragmentNo);
    }

    /**
     * claimkreward: each of the keeper's rewards on the data pays what {@link KeeperReward#claimable}
     * allows; the claim takes it all at once, or is refused when that is nothing.
     */
    private static Decision<StorageEvent> claim(ClaimReward c, StorageState state) {
        if (c.storagePeriod() < 1) {
            return Decision.reject(Rejection.invalid("KEEPER.INVALID_STORAGE_PERIOD",
                    "storagePeriod must be at least 1 day"));
        }
        if (state.claims().containsKey(c.claimId())) {
            return Decision.accept();
        }
        List<Reward> rewards = state.rewards().values().stream()
                .filter(r -> r.idfsAccount().equals(c.idfsAccount()))
                .sorted(java.util.Comparator.comparingLong(Reward::fragmentNo)).toList();
        if (state.term() == null || rewards.isEmpty()) {
            return Decision.reject(Rejection.notFound("KEEPER.REWARD_NOT_FOUND",
                    "The keeper holds no reward for this data"));
        }
        List<ClaimItem> items = new ArrayList<>();
        long quantity = 0;
        for (Reward r : rewards) {
            long payable = KeeperReward.claimable(r, state.term(), c.storagePeriod());
            if (payable > 0) {
                items.add(new ClaimItem(r.rewardId(), r.fragmentNo(), payable));
                quantity = Math.addExact(quantity, payable);
            }
        }
        if (quantity == 0 && state.term().dayFee() == 0) {
            return Decision.reject(Rejection.conflict("KEEPER.NO_KEEPER_FEE",
                    "The daily keeper fee of this data is 0 units: its storage earns nothing"));
        }
        if (quantity == 0 && state.ended()) {
            return Decision.reject(Rejection.conflict("KEEPER.ALL_CLAIMED",
                    "The storage term has ended and every audited day was claimed"));
        }
        if (quantity == 0) {
            return Decision.reject(Rejection.conflict("KEEPER.NOTHING_TO_CLAIM",
                    "No audited storage day is left to claim"));
        }
        return Decision.accept(new RewardClaimed(c.claimId(), c.dataId(), c.idfsAccount(), c.storagePeriod(), quantity,
                items, c.at()));
    }

    /** Settlement's answer settles a pending claim, once. */
    private static Decision<StorageEvent> settle(SettleClaim c, StorageState state) {
        Claim claim = state.claims().get(c.claimId());
        if (claim == null) {
            return Decision.reject(Rejection.notFound("KEEPER.CLAIM_NOT_FOUND", "No claim " + c.claimId()
                    + " on this data"));
        }
        if (claim.status() != ClaimStatus.PENDING) {
            return Decision.accept();
        }
        return Decision.accept(c.paid()
                ? new ClaimPaid(c.claimId(), c.dataId(), claim.idfsAccount(), claim.quantity(), c.at())
                : new ClaimRejected(c.claimId(), c.dataId(), claim.idfsAccount(), claim.quantity(),
                        c.reason() == null ? "refused by settlement" : c.reason(), c.at()));
    }

    private static Decision<StorageEvent> declare(DeclareFragments c, StorageState state) {
        if (!state.provider().equals(c.provider())) {
            return Decision.reject(Rejection.forbidden("KEEPER.NOT_PROVIDER", "Only provider can declare the fragments"));
        }
        if (!state.open()) {
            return Decision.reject(closed());
        }
        Map<Long, Declaration> byNumber = new HashMap<>();
        for (Declaration d : c.fragments()) {
            byNumber.put(d.fragmentNo(), d);
        }
        if (byNumber.size() != c.fragments().size() || !byNumber.keySet().equals(state.fragments().keySet())) {
            return Decision.reject(Rejection.invalid("KEEPER.FRAGMENTS_MISMATCH",
                    "fragments must list each placed fragment_no (1.." + state.fragments().size() + ") exactly once"));
        }
        for (Declaration d : c.fragments()) {
            Fragment placed = state.fragments().get(d.fragmentNo());
            if (!Cid.isCid(d.cid())) {
                return Decision.reject(Rejection.invalid("KEEPER.INVALID_CID", "fragment " + d.fragmentNo()
                        + " cid must be an IPFS CIDv1 in base32 (bafy… or bafk…)"));
            }
            long most = SegmentedAead.ciphertextSize(placed.size());
            if (d.sizeEncrypted() < 1 || d.sizeEncrypted() > most) {
                return Decision.reject(Rejection.invalid("KEEPER.INVALID_SIZE", "fragment " + d.fragmentNo()
                        + " size_encrypted must be 1 to " + most + " bytes"));
            }
        }
        if (state.declared()) {
            boolean same = c.fragments().stream().allMatch(d -> {
                Fragment f = state.fragments().get(d.fragmentNo());
                return f.cid().equals(d.cid()) && f.sizeEncrypted() == d.sizeEncrypted();
            });
            if (!same) {
                return Decision.reject(Rejection.conflict("KEEPER.ALREADY_DECLARED",
                        "The fragments were already declared with other CIDs"));
            }
            // the registry's declaration of what it staged may come after the provider declared the same CIDs
            // itself: the uploader it names is recorded then; a declaration without one changes nothing
            if (c.uploader() == null || c.uploader().equals(state.uploader())) {
                return Decision.accept();
            }
        }
        List<Declaration> ordered = new ArrayList<>(c.fragments());
        ordered.sort(java.util.Comparator.comparingLong(Declaration::fragmentNo));
        return Decision.accept(new FragmentsDeclared(c.dataId(), c.provider(), ordered, c.uploader(), c.at()));
    }

    private Decision<StorageEvent> replica(RecordReplica c, StorageState state) {
        Fragment fragment = state.fragments().get(c.fragmentNo());
        if (fragment == null) {
            return Decision.reject(Rejection.notFound("KEEPER.FRAGMENT_NOT_FOUND", "The data has no fragment "
                    + c.fragmentNo()));
        }
        if (c.keeperCluster() < 0) {
            return Decision.reject(Rejection.forbidden("KEEPER.NOT_A_KEEPER", "The signer is not a registered keeper"));
        }
        if (c.keeperCluster() != fragment.clusterId()) {
            return Decision.reject(Rejection.forbidden("KEEPER.NOT_IN_CLUSTER",
                    "The fragment is placed on cluster " + fragment.clusterId() + ", not on the keeper's cluster"));
        }
        if (!state.open()) {
            return Decision.reject(closed());
        }
        if (fragment.cid() == null) {
            return Decision.reject(Rejection.conflict("KEEPER.NOT_DECLARED", "The fragment's CID is not declared yet"));
        }
        if (!fragment.cid().equals(c.cid())) {
            return Decision.reject(Rejection.conflict("KEEPER.CID_MISMATCH", "The fragment's declared CID is "
                    + fragment.cid()));
        }
        if (fragment.replicas().containsKey(c.idfsAccount())) {
            return Decision.accept();
        }
        List<StorageEvent> events = new ArrayList<>();
        events.add(new ReplicaStored(c.dataId(), c.fragmentNo(), c.cid(), c.idfsAccount(), fragment.clusterId(),
                c.at()));
        int replicas = fragment.replicas().size() + 1;
        if (!fragment.stored() && replicas >= minReplicas) {
            events.add(new FragmentStored(c.dataId(), c.fragmentNo(), c.cid(), replicas, c.at()));
        }
        if (state.term() != null
                && !state.rewards().containsKey(StorageState.rewardKey(c.fragmentNo(), c.idfsAccount()))) {
            events.add(rewardOpened(c.dataId(), fragment, c.idfsAccount(),
                    KeeperReward.total(state.term().dayFee(), state.term().period()), c.at()));
        }
        return new Decision.Accepted<>(events);
    }

    /**
     * One outcome per replica and storage day, the first that arrives; an audit of a replica that
     * no longer counts, or of a closed dataset, changes nothing. The failure that completes
     * {@code failuresBeforeFaulty} failed days in a row also makes the replica faulty.
     */
    private Decision<StorageEvent> audit(RecordAudit c, StorageState state) {
        Fragment fragment = state.fragments().get(c.fragmentNo());
        StorageState.Replica replica = fragment == null ? null : fragment.replicas().get(c.idfsAccount());
        if (!state.open() || replica == null || replica.lastAuditDay() >= c.day()) {
            return Decision.accept();
        }
        if (c.passed()) {
            AuditPassed passed = new AuditPassed(c.dataId(), c.fragmentNo(), c.idfsAccount(), c.day(), c.rangeFrom(),
                    c.rangeTo(), c.chunk(), c.at());
            Reward reward = state.rewards().get(StorageState.rewardKey(c.fragmentNo(), c.idfsAccount()));
            if (reward != null && state.term().covers(c.day()) && c.day() > reward.lastCountedDay()) {
                return Decision.accept(passed, new RewardEarned(reward.rewardId(), c.dataId(), c.fragmentNo(),
                        c.idfsAccount(), c.day(), reward.earnedDays() + 1, c.at()));
            }
            return Decision.accept(passed);
        }
        AuditFailed failed = new AuditFailed(c.dataId(), c.fragmentNo(), c.idfsAccount(), c.day(), c.rangeFrom(),
                c.rangeTo(), c.chunk(), c.reason() == null ? "no reason given" : c.reason(), c.at());
        int failedDays = replica.failedDays() + 1;
        if (failedDays >= failuresBeforeFaulty) {
            return Decision.accept(failed, new ReplicaFaulty(c.dataId(), c.fragmentNo(), c.idfsAccount(), failedDays,
                    fragment.replicas().size() - 1, c.at()));
        }
        return Decision.accept(failed);
    }

    private static Rejection closed() {
        return Rejection.conflict("KEEPER.STORAGE_CLOSED", "The data is no longer stored");
    }

    @Override
    public StorageState evolve(StorageState s, StorageEvent event) {
        if (event instanceof StorageOpened e) {
            TreeMap<Long, Fragment> fragments = new TreeMap<>();
            for (FragmentSlot slot : e.fragments()) {
                fragments.put(slot.fragmentNo(), new Fragment(slot.fragmentNo(), slot.size(), slot.clusterId(), null, 0,
                        Map.of(), false));
            }
            return new StorageState(e.dataId(), e.provider(), true, fragments, null, false, Map.of(), new TreeMap<>(),
                    null);
        }
        if (event instanceof StorageClosed) {
            return new StorageState(s.dataId(), s.provider(), false, s.fragments(), s.term(), s.ended(), s.rewards(),
                    s.claims(), s.uploader());
        }
        if (event instanceof StorageEnded) {
            return new StorageState(s.dataId(), s.provider(), false, s.fragments(), s.term(), true, s.rewards(),
                    s.claims(), s.uploader());
        }
        if (event instanceof StorageTermStarted e) {
            return new StorageState(s.dataId(), s.provider(), s.open(), s.fragments(),
                    new Term(e.period(), e.dayFee(), e.startDay(), e.endDay()), s.ended(), s.rewards(), s.claims(),
                    s.uploader());
        }
        if (event instanceof RewardOpened e) {
            Map<String, Reward> rewards = new HashMap<>(s.rewards());
            rewards.put(StorageState.rewardKey(e.fragmentNo(), e.idfsAccount()), new Reward(e.rewardId(),
                    e.fragmentNo(), e.clusterId(), e.idfsAccount(), e.rewardTotal(), 0, -1, 0, 0, e.at()));
            return s.withRewards(rewards);
        }
        if (event instanceof RewardEarned e) {
            Map<String, Reward> rewards = new HashMap<>(s.rewards());
            rewards.computeIfPresent(StorageState.rewardKey(e.fragmentNo(), e.idfsAccount()),
                    (k, r) -> new Reward(r.rewardId(), r.fragmentNo(), r.clusterId(), r.idfsAccount(), r.rewardTotal(),
                            e.earnedDays(), e.day(), r.claimed(), r.paid(), r.openedAt()));
            return s.withRewards(rewards);
        }
        if (event instanceof RewardClaimed e) {
            TreeMap<Long, Claim> claims = new TreeMap<>(s.claims());
            claims.put(e.claimId(), new Claim(e.claimId(), e.idfsAccount(), e.storagePeriod(), e.quantity(), e.items(),
                    ClaimStatus.PENDING, null, e.at()));
            return new StorageState(s.dataId(), s.provider(), s.open(), s.fragments(), s.term(), s.ended(),
                    moveClaimed(s, e.idfsAccount(), e.items(), 1, 0), claims, s.uploader());
        }
        if (event instanceof AuditFailed e && s.term() != null && s.term().covers(e.day())
                && s.rewards().containsKey(StorageState.rewardKey(e.fragmentNo(), e.idfsAccount()))) {
            // a failed day of the term counts for the reward: it can no longer earn that day
            Map<String, Reward> rewards = new HashMap<>(s.rewards());
            rewards.computeIfPresent(StorageState.rewardKey(e.fragmentNo(), e.idfsAccount()),
                    (k, r) -> r.lastCountedDay() >= e.day() ? r : new Reward(r.rewardId(), r.fragmentNo(),
                            r.clusterId(), r.idfsAccount(), r.rewardTotal(), r.earnedDays(), e.day(), r.claimed(),
                            r.paid(), r.openedAt()));
            return s.withRewards(rewards).withFragments(evolveFragments(s, event));
        }
        if (event instanceof ClaimPaid e) {
            Claim claim = s.claims().get(e.claimId());
            return settled(s, claim, ClaimStatus.PAID, null, moveClaimed(s, claim.idfsAccount(), claim.items(), 0, 1));
        }
        if (event instanceof ClaimRejected e) {
            Claim claim = s.claims().get(e.claimId());
            return settled(s, claim, ClaimStatus.REJECTED, e.reason(),
                    moveClaimed(s, claim.idfsAccount(), claim.items(), -1, 0));
        }
        if (event instanceof FragmentsDeclared e) {
            StorageState declared = s.withFragments(evolveFragments(s, event));
            return new StorageState(declared.dataId(), declared.provider(), declared.open(), declared.fragments(),
                    declared.term(), declared.ended(), declared.rewards(), declared.claims(), e.uploader());
        }
        return s.withFragments(evolveFragments(s, event));
    }

    private static TreeMap<Long, Fragment> evolveFragments(StorageState s, StorageEvent event) {
        TreeMap<Long, Fragment> fragments = new TreeMap<>(s.fragments());
        if (event instanceof FragmentsDeclared e) {
            for (Declaration d : e.fragments()) {
                Fragment f = fragments.get(d.fragmentNo());
                fragments.put(f.fragmentNo(), new Fragment(f.fragmentNo(), f.size(), f.clusterId(), d.cid(),
                        d.sizeEncrypted(), f.replicas(), f.stored()));
            }
        } else if (event instanceof ReplicaStored e) {
            Fragment f = fragments.get(e.fragmentNo());
            Map<String, StorageState.Replica> replicas = new HashMap<>(f.replicas());
            replicas.put(e.idfsAccount(), new StorageState.Replica(e.at(), -1, 0));
            fragments.put(f.fragmentNo(), withReplicas(f, replicas));
        } else if (event instanceof AuditPassed e) {
            Fragment f = fragments.get(e.fragmentNo());
            Map<String, StorageState.Replica> replicas = new HashMap<>(f.replicas());
            replicas.computeIfPresent(e.idfsAccount(), (k, r) -> new StorageState.Replica(r.storedAt(), e.day(), 0));
            fragments.put(f.fragmentNo(), withReplicas(f, replicas));
        } else if (event instanceof AuditFailed e) {
            Fragment f = fragments.get(e.fragmentNo());
            Map<String, StorageState.Replica> replicas = new HashMap<>(f.replicas());
            replicas.computeIfPresent(e.idfsAccount(),
                    (k, r) -> new StorageState.Replica(r.storedAt(), e.day(), r.failedDays() + 1));
            fragments.put(f.fragmentNo(), withReplicas(f, replicas));
        } else if (event instanceof ReplicaFaulty e) {
            Fragment f = fragments.get(e.fragmentNo());
            Map<String, StorageState.Replica> replicas = new HashMap<>(f.replicas());
            replicas.remove(e.idfsAccount());
            fragments.put(f.fragmentNo(), withReplicas(f, replicas));
        } else {
            FragmentStored e = (FragmentStored) event;
            Fragment f = fragments.get(e.fragmentNo());
            fragments.put(f.fragmentNo(), new Fragment(f.fragmentNo(), f.size(), f.clusterId(), f.cid(),
                    f.sizeEncrypted(), f.replicas(), true));
        }
        return fragments;
    }

    /** Adds {@code claimedSign} × and {@code paidSign} × each item's quantity to its reward. */
    private static Map<String, Reward> moveClaimed(StorageState s, String account, List<ClaimItem> items,
            int claimedSign, int paidSign) {
        Map<String, Reward> rewards = new HashMap<>(s.rewards());
        for (ClaimItem item : items) {
            rewards.computeIfPresent(StorageState.rewardKey(item.fragmentNo(), account),
                    (k, r) -> new Reward(r.rewardId(), r.fragmentNo(), r.clusterId(), r.idfsAccount(), r.rewardTotal(),
                            r.earnedDays(), r.lastCountedDay(), r.claimed() + claimedSign * item.quantity(),
                            r.paid() + paidSign * item.quantity(), r.openedAt()));
        }
        return rewards;
    }

    private static StorageState settled(StorageState s, Claim claim, ClaimStatus status, String reason,
            Map<String, Reward> rewards) {
        TreeMap<Long, Claim> claims = new TreeMap<>(s.claims());
        claims.put(claim.claimId(), new Claim(claim.claimId(), claim.idfsAccount(), claim.storagePeriod(),
                claim.quantity(), claim.items(), status, reason, claim.at()));
        return new StorageState(s.dataId(), s.provider(), s.open(), s.fragments(), s.term(), s.ended(), rewards,
                claims, s.uploader());
    }

    private static Fragment withReplicas(Fragment f, Map<String, StorageState.Replica> replicas) {
        return new Fragment(f.fragmentNo(), f.size(), f.clusterId(), f.cid(), f.sizeEncrypted(), replicas, f.stored());
    }
}
