package market.node;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import market.node.gateway.ContentBackend;
import market.node.store.BlockStore;
import market.platform.web.ApiErrorHandler;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.ObjectMapper;

/**
 * keeper-node: the storage a keeper runs at its registered {@code ipaddr:port}. It keeps the
 * encrypted fragments as blocks by CID in its own folder and serves them with the IPFS trustless
 * gateway protocol. It talks HTTP only; it reads and writes no topic.
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
}
