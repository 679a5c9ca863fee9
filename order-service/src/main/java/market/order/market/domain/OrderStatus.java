package market.order.market.domain;

/**
 * Where an order stands: {@code OPEN} while it has volume left, {@code FILLED} when every unit is
 * in a deal (a cancelled deal can reopen it), {@code CANCELLED} by its provider, {@code CLOSED}
 * when its dataset left the market.
 */
public enum OrderStatus { OPEN, FILLED, CANCELLED, CLOSED }
