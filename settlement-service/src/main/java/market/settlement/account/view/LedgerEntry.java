package market.settlement.account.view;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One side of an entry pair. {@code entry_id} is the causing event's position and the side
 * (a or b), so booking the same event twice is impossible; {@code amount} is signed: + credit.
 */
public record LedgerEntry(
        @JsonProperty("entry_id") String entryId,
        @JsonProperty("account") String account,
        @JsonProperty("counter_account") String counterAccount,
        @JsonProperty("amount") String amount,
        @JsonProperty("cause") String cause,
        @JsonProperty("timestamp") long timestamp) {}
