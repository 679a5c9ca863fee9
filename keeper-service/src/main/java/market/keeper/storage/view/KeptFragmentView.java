package market.keeper.storage.view;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A fragment a keeper's cluster stores now, and whether this keeper's replica counts. */
public record KeptFragmentView(
        @JsonProperty("data_id") long dataId,
        @JsonProperty("fragment_no") long fragmentNo,
        @JsonProperty("cid") String cid,
        @JsonProperty("held") boolean held) {}
