package market.registry.datashare.staging;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import market.platform.runtime.PeriodicTask;
import market.platform.signing.RequestSignature;
import market.registry.dataset.domain.DatasetState;
import market.registry.dataset.domain.DatasetStatus;
import market.registry.dataset.domain.StagedStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the fragments the registry staged from DataShare {@code plainData} publishes, resuming
 * after a restart from what the staging folder and the registry's view hold. Each round, for each
 * staged folder: while its product registers, has the fragment placed, and keeper-service has
 * taken the declaration that names the registry as uploader ({@code FragmentsDeclared} on
 * {@code keeper.events}), it uploads the ciphertext to one node of the fragment's cluster (the
 * next when one refuses), signed by the registry's storage account; again after
 * {@value #REFUSED_RETRY_SECONDS} s when every node refused, and after {@value #RETRY_SECONDS} s
 * while the fragment is not confirmed stored. The registration then completes by itself. A folder
 * is deleted once its product no longer registers (complete, failed or removed), when another
 * publish of the product won, or when no publish of it is in the view {@value #ORPHAN_MINUTES}
 * minutes after both its staging and this process catching up.
 */
public final class StagedUploader extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(StagedUploader.class);
    static final long RETRY_SECONDS = 30;
    static final long REFUSED_RETRY_SECONDS = 3;
    static final long ORPHAN_MINUTES = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final StagingArea staging;
    private final BooleanSupplier caughtUp;
    private final LongFunction<Optional<DatasetState>> datasets;
    private final KeeperNodes nodes;
    private final StorageAgent agent;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Instant> nextAttempt = new ConcurrentHashMap<>();
    private volatile Instant caughtUpAt;

    public StagedUploader(StagingArea staging, BooleanSupplier caughtUp, LongFunction<Optional<DatasetState>> datasets,
            KeeperNodes nodes, StorageAgent agent, Clock clock, Duration interval) {
        super("registry-staged-uploads", interval);
        this.staging = staging;
        this.caughtUp = caughtUp;
        this.datasets = datasets;
        this.nodes = nodes;
        this.agent = agent;
        this.clock = clock;
    }

    @Override
    protected void runOnce() {
        if (!caughtUp.getAsBoolean()) {
            // a view still replaying would take a product for absent, or still registering
            return;
        }
        if (caughtUpAt == null) {
            caughtUpAt = clock.instant();
        }
        for (StagingArea.Entry entry : staging.entries()) {
            if (stopping()) {
                return;
            }
            handle(entry);
        }
    }

    private void handle(StagingArea.Entry entry) {
        Instant now = clock.instant();
        Optional<DatasetState> found = datasets.apply(entry.dataId());
        StagedStorage staged = found.map(DatasetState::staged).orElse(null);
        if (staged == null) {
            // no publish of it in the view yet: its command may wait on registry.commands, or its events be
            // half applied; the wait counts from staging and from this process having caught up
            Instant since = entry.stagedAt().isAfter(caughtUpAt) ? entry.stagedAt() : caughtUpAt;
            if (since.isBefore(now.minus(Duration.ofMinutes(ORPHAN_MINUTES)))) {
                log.info("data {}: no publish landed for staged {}; deleting it", entry.dataId(), entry.cid());
                forget(entry);
            }
            return;
        }
        DatasetState state = found.get();
        StagedStorage.StagedFragment fragment = staged.fragments().stream().filter(f -> f.fragmentNo() == 1)
                .findFirst().orElse(null);
        if (fragment == null || !fragment.cid().equals(entry.cid())) {
            log.info("data {}: staged {} is not the product's; deleting it", entry.dataId(), entry.cid());
            forget(entry);
            return;
        }
        if (state.status() != DatasetStatus.REGISTERING || state.completedAt() != null) {
            forget(entry);
            return;
        }
        Long cluster = state.clusters().get(1L);
        if (cluster == null || !nodes.declaredForUpload(entry.dataId()) || state.storedCids().containsKey(1L)) {
            return;
        }
        Instant next = nextAttempt.get(entry.cid());
        if (next != null && next.isAfter(now)) {
            return;
        }
        for (String node : nodes.of(cluster)) {
            if (upload(node, entry, fragment)) {
                nextAttempt.put(entry.cid(), now.plusSeconds(RETRY_SECONDS));
                return;
            }
        }
        // every node refused, or none answered: a node learns of the declaration when it next syncs
        nextAttempt.put(entry.cid(), now.plusSeconds(REFUSED_RETRY_SECONDS));
    }

    /** One upload to one node: true once the node took the fragment, or already held it. */
    private boolean upload(String node, StagingArea.Entry entry, StagedStorage.StagedFragment fragment) {
        String path = "/v1/fragments/" + fragment.cid() + "?data_id=" + entry.dataId() + "&fragment_no=1";
        RequestSignature.SignedHeaders signed = agent.wallet().signHashedRequest("POST", path, fragment.hashEncrypted(),
                clock);
        try {
            HttpRequest request = signed.addTo(HttpRequest.newBuilder(URI.create(node + path)).timeout(TIMEOUT)
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofFile(entry.fragment()))).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 == 2) {
                log.info("data {}: uploaded staged fragment {} to {}", entry.dataId(), fragment.cid(), node);
                return true;
            }
            log.info("data {}: {} did not take staged fragment {} yet: {} {}", entry.dataId(), node, fragment.cid(),
                    response.statusCode(), abbreviated(response.body()));
        } catch (IOException e) {
            log.info("data {}: cannot upload to {}: {}", entry.dataId(), node, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private void forget(StagingArea.Entry entry) {
        nextAttempt.remove(entry.cid());
        staging.remove(entry.folder());
    }

    private static String abbreviated(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
