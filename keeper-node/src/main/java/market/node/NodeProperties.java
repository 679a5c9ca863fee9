package market.node;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A keeper node's settings, under {@code market.node.*}.
 *
 * @param dataDir the node's own folder: its blocks, and its keeper account's wallet
 */
@ConfigurationProperties("market.node")
public record NodeProperties(@DefaultValue("./data/keeper-node") String dataDir) {}
