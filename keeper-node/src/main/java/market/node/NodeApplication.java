package market.node;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.nio.file.Files;
import market.node.gateway.ContentBackend;
import market.node.keeper.KeeperClient;
import market.node.replication.Pruner;
import market.node.replication.Replicator;
import market.node.store.BlockStore;
import market.node.store.FragmentIndex;
import market.platform.signing.Wallet;
import market.platform.web.ApiErrorHandler;
import market.platform.web.SignatureVerifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.ObjectMapper;

/**
 * keeper-node: the storage a keeper runs at its registered {@code ipaddr:port}. It keeps the
 * encrypted fragments as blocks by CID in its own folder, serves them with the IPFS trustless
 * gateway protocol, takes the provider's uploads of fragments placed on its cluster, fetches the
 * rest of its cluster's fragments from peers, and reports each replica to keeper-service with a
 * receipt signed by its keeper account. It talks HTTP only; it reads and writes no topic.
 */
@SpringBootApplication(exclude = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(NodeProperties.class)
public class NodeApplication {

    public static void main(String[] args) {
        SpringApplication.run(NodeApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    BlockStore blockStore(NodeProperties properties) throws IOException {
        return new BlockStore(Path.of(properties.dataDir()));
    }

    @Bean
    ContentBackend contentBackend(BlockStore store) {
        return new ContentBackend(store);
    }

    /** Walks DAGs and reads block files for streamed answers, off the event loop. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService gatewayExecutor() {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "gateway-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    ApiErrorHandler apiErrorHandler(ObjectMapper mapper) {
        return new ApiErrorHandler(mapper);
    }

    @Bean
    SignatureVerifier signatureVerifier(Clock clock, NodeProperties properties) {
        return new SignatureVerifier(clock, properties.signatureWindow());
    }

    @Bean
    FragmentIndex fragmentIndex(NodeProperties properties) throws IOException {
        return new FragmentIndex(Path.of(properties.dataDir()));
    }

    /** The keeper account's key: the node signs its receipts with it. Created on first start. */
    @Bean
    Wallet nodeWallet(NodeProperties properties) throws IOException {
        Path file = Path.of(properties.dataDir()).resolve("wallet.properties");
        if (!Files.exists(file)) {
            Wallet.create().save(file);
        }
        return Wallet.load(file);
    }

    @Bean
    KeeperClient keeperClient(NodeProperties properties, Wallet nodeWallet, Clock clock) {
        return new KeeperClient(properties.keeperUrl(), nodeWallet, clock);
    }

    @Bean
    Replicator replicator(KeeperClient keeperClient, BlockStore store, FragmentIndex index, NodeProperties properties) {
        return new Replicator(keeperClient, store, index, properties.syncInterval());
    }

    @Bean
    Pruner pruner(KeeperClient keeperClient, BlockStore store, FragmentIndex index, Clock clock,
            NodeProperties properties) {
        return new Pruner(keeperClient, store, index, clock, properties.syncInterval(), properties.dropGrace());
    }
}
