package market.keeper.storage.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import market.keeper.storage.domain.StorageEvent.ClaimItem;

/**
 * A dataset's storage record: its data_id and provider, whether it is open, and its fragments by
 * number, each with its cluster, its declared CID and encrypted size (null and 0 until declared),
 * the keepers holding a replica (account to its {@link Replica}), and whether it is stored;
 * {@code uploader}, when not null, may upload the fragments besides the provider (the registry's
 * storage account, for data it encrypted from a DataShare {@code plainData}). Once
 * the data is on sale it has a {@link Term}, a {@link Reward} for each keeper's replica of a
 * fragment (by {@link #rewardKey}), and the keepers' {@link Claim}s by claim_id; {@code ended} once
 * the term ran out.
 */
public record StorageState(long dataId, String provider, boolean open, SortedMap<Long, Fragment> fragments,
        Term term, boolean ended, Map<String, Reward> rewards, SortedMap<Long, Claim> claims, String uploader) {

    public static final StorageState NONE =
            new StorageState(0, null, false, new TreeMap<>(), null, false, Map.of(), new TreeMap<>(), null);

    public StorageState {
        fragments = Collections.unmodifiableSortedMap(new TreeMap<>(fragments));
        rewards = Map.copyOf(rewards);
        claims = Collections.unmodifiableSortedMap(new TreeMap<>(claims));
    }

    public boolean exists() {
        return provider != null;
    }

    /** Whether {@code account} may upload the fragments to keeper nodes: the provider, or its declared uploader. */
    public boolean mayUpload(String account) {
        return account != null && (account.equalsIgnoreCase(provider) || account.equalsIgnoreCase(uploader));
    }

    public boolean declared() {
        return !fragments.isEmpty() && fragments.values().stream().allMatch(f -> f.cid() != null);
    }

    StorageState withFragments(SortedMap<Long, Fragment> changed) {
        return new StorageState(dataId, provider, open, changed, term, ended, rewards, claims, uploader);
    }

    StorageState withRewards(Map<String, Reward> changed) {
        return new StorageState(dataId, provider, open, fragments, term, ended, changed, claims, uploader);
    }

    public static String rewardKey(long fragmentNo, String idfsAccount) {
        return fragmentNo + "/" + idfsAccount;
    }

    public record Fragment(long fragmentNo, long size, long clusterId, String cid, long sizeEncrypted,
            Map<String, Replica> replicas, boolean stored) {
        public Fragment {
            replicas = Map.copyOf(replicas);
        }
    }

    /**
     * A keeper's replica: when its receipt came, the last storage day it was audited (-1 for
     * none), and the days in a row its audit has failed since it last passed.
     */
    public record Replica(Instant storedAt, long lastAuditDay, int failedDays) {}

    /** The paid storage: days {@code startDay} to {@code endDay - 1}, {@code dayFee} a replica and day. */
    public record Term(long period, long dayFee, long startDay, long endDay) {

        public boolean covers(long day) {
            return day >= startDay && day < endDay;
        }
    }

    /**
     * What a keeper earns for its replica of a fragment: {@code earnedDays} audited days of the
     * term; {@code lastCountedDay} is the last day of the term its audit outcome counted for, passed
     * or failed (-1 for none), so a day counts once; {@code claimed} is what its claims
     * took, paid or in flight, and {@code paid} what settlement paid out of it.
     */
    public record Reward(long rewardId, long fragmentNo, long clusterId, String idfsAccount, long rewardTotal,
            long earnedDays, long lastCountedDay, long claimed, long paid, Instant openedAt) {}

    public enum ClaimStatus { PENDING, PAID, REJECTED }

    /** A keeper's claim: what it took from which rewards, and what settlement made of it. */
    public record Claim(long claimId, String idfsAccount, long storagePeriod, long quantity, List<ClaimItem> items,
            ClaimStatus status, String reason, Instant at) {
        public Claim {
            items = List.copyOf(items);
        }
    }
}
