package market.order.market.domain;

/**
 * Where a deal stands: {@code PENDING_PAYMENT} until settlement answers, then {@code COMPLETED}
 * (the buyer holds access) or {@code CANCELLED} (the payment was refused and the unit released).
 */
public enum DealStatus { PENDING_PAYMENT, COMPLETED, CANCELLED }
