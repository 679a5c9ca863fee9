package market.platform.web;

/** The body of every 4xx and 5xx answer, as in the BCS DataShare API. */
public record ErrorBody(String errorCode, String errorMsg) {}
