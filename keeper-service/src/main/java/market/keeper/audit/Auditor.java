package market.keeper.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import market.keeper.KeeperAggregates;
import market.keeper.command.RecordAudit;
import market.keeper.directory.domain.DirectoryState;
import market.keeper.storage.domain.StorageCommand;
import market.keeper.storage.domain.StorageDays;
import market.keeper.storage.domain.StorageEvent;
import market.keeper.storage.domain.StorageState;
import market.platform.config.ServiceRuntime;
import market.platform.content.Cid;
import market.platform.content.GatewayClient;
import market.platform.content.UnixFsImporter;
import market.platform.runtime.AggregateType;
import market.platform.runtime.PeriodicTask;
import market.platform.web.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits every replica of every open dataset once a storage day ({@link StorageDays}). For each it picks a byte range of the fragment from an HMAC of the dataset,
 * fragment, keeper, day and attempt under a key only this process knows, asks the keeper's node
 * for it as a CAR ({@code dag-scope=entity&entity-bytes=}), and checks that the blocks hash-link
 * from the fragment's CID down to the leaf and cover the range. A failed or late answer is tried
 * again, from a new seed, before it counts; an audit cut short because the service is stopping
 * counts for nothing. The outcome enters as a {@code RecordAudit} command on
 * {@code keeper.commands}, keyed by data_id; the decider keeps the first outcome of a day.
 */
public final class Auditor extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(Auditor.class);
    private static final int RANGE = 1024;

    private final ServiceRuntime runtime;
    private final CommandGateway commands;
    private final AggregateType<StorageCommand, StorageEvent, StorageState> storage;
    private final Clock clock;
    private final StorageDays days;
    private final int attempts;
    private final byte[] key = new byte[32];
    private final GatewayClient gateway;

    public Auditor(ServiceRuntime runtime, CommandGateway gateway,
            AggregateType<StorageCommand, StorageEvent, StorageState> storage, Clock clock, StorageDays days,
            Duration interval, Duration timeout, int attempts) {
        super("auditor", interval);
        this.runtime = runtime;
        this.commands = gateway;
        this.storage = storage;
        this.clock = clock;
        this.days = days;
        this.attempts = attempts;
        this.gateway = new GatewayClient(timeout);
        new SecureRandom().nextBytes(key);
    }

    /** One round: each replica not yet audited today, audited once. */
    @Override
    protected void runOnce() {
        if (!runtime.isCaughtUp()) {
            return;
        }
        long day = days.day(clock.instant());
        DirectoryState directory = (DirectoryState) runtime.projection().states()
                .state(KeeperAggregates.DIRECTORY_TYPE, KeeperAggregates.DIRECTORY);
        runtime.projection().states().all(storage).filter(StorageState::open).forEach(state ->
                state.fragments().values().stream().filter(f -> f.cid() != null).forEach(fragment ->
                        fragment.replicas().forEach((account, replica) -> {
                            DirectoryState.Keeper keeper = directory.keepers().get(account);
                            if (replica.lastAuditDay() < day && keeper != null
                                    && !stopping()) {
                                record(state.dataId(), fragment, keeper, day);
                            }
                        })));
    }

    private void record(long dataId, StorageState.Fragment fragment, DirectoryState.Keeper keeper, long day) {
        long size = fragment.sizeEncrypted();
        String reason = null;
        long from = 0;
        long to = 0;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            from = Math.floorMod(seed(dataId, fragment.fragmentNo(), keeper.idfsAccount(), day, attempt), size);
            to = Math.min(size, from + RANGE);
            reason = challenge(keeper, Cid.parse(fragment.cid()), from, to);
            if (stopping()) {
                // the service is stopping: an audit cut short by our own shutdown says nothing of the keeper
                return;
            }
            if (reason == null) {
                break;
            }
            log.info("audit of data {} fragment {} at {} failed (attempt {} of {}): {}", dataId, fragment.fragmentNo(),
                    keeper.idfsAccount(), attempt, attempts, reason);
        }
        RecordAudit command = new RecordAudit(dataId, fragment.fragmentNo(), keeper.idfsAccount(), day, reason == null,
                from, to, from / UnixFsImporter.CHUNK_SIZE, reason, clock.instant());
        try {
            commands.sendUnsigned(Long.toString(dataId), command).block(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            log.warn("could not record the audit of data {} fragment {} at {}: {}", dataId, fragment.fragmentNo(),
                    keeper.idfsAccount(), e.getMessage());
        }
    }

    /** Asks the keeper's node for {@code [from, to)}; null when its blocks prove it, else why not. */
    private String challenge(DirectoryState.Keeper keeper, Cid cid, long from, long to) {
        long covered;
        try {
            covered = gateway.provenBytes(GatewayClient.nodeUrl(keeper.ipaddr(), keeper.port()), cid, from, to);
        } catch (IOException e) {
            return e.getMessage();
        }
        return covered == to - from ? null : "the blocks cover " + covered + " of " + (to - from) + " bytes";
    }

    private long seed(long dataId, long fragmentNo, String account, long day, int attempt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((dataId + ":" + fragmentNo + ":" + account + ":" + day + ":" + attempt)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int getPhase() {
        return 1;
    }
}
