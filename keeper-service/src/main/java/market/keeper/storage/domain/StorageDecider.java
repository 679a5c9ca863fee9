package market.keeper.storage.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import market.keeper.storage.domain.StorageState.Fragment;
import market.platform.content.Cid;
import market.platform.crypto.SegmentedAead;
import market.platform.domain.Decider;
import market.platform.domain.Decision;
import market.platform.domain.Rejection;

/**
 * Rules of a dataset's storage: it opens once, with its placed fragments; only its provider
 * declares the fragments, each once, with an IPFS CIDv1 and an encrypted size above 0 and at most
 * what segmented encryption makes of the plain size; a receipt counts only from a keeper of the
 * fragment's cluster, for the declared CID, while the storage is open, once per keeper; the
 * receipt that brings a fragment to {@code minReplicas} replicas also marks it stored, once. Each
 * replica has one audit outcome a storage day; {@code failuresBeforeFaulty} failed days in a row
 * make it faulty, and it no longer counts until its keeper sends a new receipt.
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
        return replica((RecordReplica) command, state);
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
            return same ? Decision.accept() : Decision.reject(Rejection.conflict("KEEPER.ALREADY_DECLARED",
                    "The fragments were already declared with other CIDs"));
        }
        List<Declaration> ordered = new ArrayList<>(c.fragments());
        ordered.sort(java.util.Comparator.comparingLong(Declaration::fragmentNo));
        return Decision.accept(new FragmentsDeclared(c.dataId(), c.provider(), ordered, c.at()));
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
        ReplicaStored stored = new ReplicaStored(c.dataId(), c.fragmentNo(), c.cid(), c.idfsAccount(),
                fragment.clusterId(), c.at());
        int replicas = fragment.replicas().size() + 1;
        if (!fragment.stored() && replicas >= minReplicas) {
            return Decision.accept(stored, new FragmentStored(c.dataId(), c.fragmentNo(), c.cid(), replicas, c.at()));
        }
        return Decision.accept(stored);
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
            return Decision.accept(new AuditPassed(c.dataId(), c.fragmentNo(), c.idfsAccount(), c.day(), c.rangeFrom(),
                    c.rangeTo(), c.chunk(), c.at()));
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
            return new StorageState(e.dataId(), e.provider(), true, fragments);
        }
        if (event instanceof StorageClosed) {
            return new StorageState(s.dataId(), s.provider(), false, s.fragments());
        }
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
        return new StorageState(s.dataId(), s.provider(), s.open(), fragments);
    }

    private static Fragment withReplicas(Fragment f, Map<String, StorageState.Replica> replicas) {
        return new Fragment(f.fragmentNo(), f.size(), f.clusterId(), f.cid(), f.sizeEncrypted(), replicas, f.stored());
    }
}
