package market.node;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A keeper node's settings, under {@code market.node.*}.
 *
 * @param dataDir the node's own folder: its blocks, the fragments it holds, and its keeper
 *     account's wallet ({@code wallet.properties}, created on first start when missing)
 * @param keeperUrl keeper-service, which says what is placed where and takes the node's receipts
 * @param syncInterval how often the node asks keeper-service for fragments it should fetch
 * @param signatureWindow how far a signed upload's timestamp may be from the node's time
 * @param dropGrace how long a fragment the cluster no longer stores is kept before its blocks
 *     are deleted
 */
@ConfigurationProperties("market.node")
public record NodeProperties(
        @DefaultValue("./data/keeper-node") String dataDir,
        @DefaultValue("http://localhost:8084") String keeperUrl,
        @DefaultValue("2s") Duration syncInterval,
        @DefaultValue("5m") Duration signatureWindow,
        @DefaultValue("7d") Duration dropGrace) {}
