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
import market.keeper.storage.domain.StorageCommand.RecordReplica;
import market.keeper.storage.domain.StorageEvent.FragmentStored;
import market.keeper.storage.domain.StorageEvent.FragmentsDeclared;
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
 * receipt that brings a fragment to {@code minReplicas} replicas also marks it stored, once.
 */
public final class StorageDecider implements Decider<StorageCommand, StorageEvent, StorageState> {

    private final int minReplicas;

    public StorageDecider(int minReplicas) {
        if (minReplicas < 1) {
            throw new IllegalArgumentException("min-replicas must be at least 1");
        }
        this.minReplicas = minReplicas;
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
            Map<String, java.time.Instant> replicas = new HashMap<>(f.replicas());
            replicas.put(e.idfsAccount(), e.at());
            fragments.put(f.fragmentNo(), new Fragment(f.fragmentNo(), f.size(), f.clusterId(), f.cid(),
                    f.sizeEncrypted(), replicas, f.stored()));
        } else {
            FragmentStored e = (FragmentStored) event;
            Fragment f = fragments.get(e.fragmentNo());
            fragments.put(f.fragmentNo(), new Fragment(f.fragmentNo(), f.size(), f.clusterId(), f.cid(),
                    f.sizeEncrypted(), f.replicas(), true));
        }
        return new StorageState(s.dataId(), s.provider(), s.open(), fragments);
    }
}
