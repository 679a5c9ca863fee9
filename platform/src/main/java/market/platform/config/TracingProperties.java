package market.platform.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Trace settings, under {@code market.tracing.*}.
 *
 * @param otlpEndpoint where spans are exported over OTLP/HTTP, such as
 *     {@code http://otel-collector:4318/v1/traces}; empty for no export (the trace ids still go
 *     into the log lines and the records' {@code traceparent} headers)
 * @param sampleRatio the share of new traces (requests that bring no sampled
 *     {@code traceparent}) that are recorded, from 0 to 1; a trace's later hops follow the
 *     decision its first hop took
 */
@ConfigurationProperties("market.tracing")
public record TracingProperties(@DefaultValue("") String otlpEndpoint, @DefaultValue("1.0") double sampleRatio) {

    public TracingProperties {
        if (!(sampleRatio >= 0 && sampleRatio <= 1)) {
            throw new IllegalArgumentException("market.tracing.sample-ratio must be from 0 to 1, not " + sampleRatio);
        }
    }
}
