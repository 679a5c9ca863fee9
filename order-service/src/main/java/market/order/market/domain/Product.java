package market.order.market.domain;

/** The DataShare product a market sells by application: its {@code productID} and price in base units. */
public record Product(String productId, long price) {}
