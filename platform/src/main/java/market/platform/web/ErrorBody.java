package market.platform.web;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of every 4xx and 5xx answer, as in the BCS DataShare API. The names are explicit, so
 * an application that names its other JSON fields differently still answers these.
 */
public record ErrorBody(@JsonProperty("errorCode") String errorCode, @JsonProperty("errorMsg") String errorMsg) {}
