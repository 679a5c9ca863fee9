package market.keeper.storage.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A fragment a keeper's node should hold and does not yet: what to fetch, and from whom. */
public record AssignmentView(
        @JsonProperty("data_id") long dataId,
        @JsonProperty("fragment_no") long fragmentNo,
        @JsonProperty("cid") String cid,
        @JsonProperty("size_encrypted") long sizeEncrypted,
        @JsonProperty("holders") List<StorageView.Replica> holders) {}
