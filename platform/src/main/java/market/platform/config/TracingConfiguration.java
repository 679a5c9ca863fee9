package market.platform.config;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import market.platform.tracing.Traces;
import market.platform.web.ApiErrorHandler;
import market.platform.tracing.TracingWebFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's tracer: an OpenTelemetry SDK whose spans carry the service's name and instance
 * id, sampled by {@code market.tracing.sample-ratio} where a trace starts and as its parent
 * decided elsewhere, and exported over OTLP/HTTP when {@code market.tracing.otlp-endpoint} is set,
 * and to every {@link SpanProcessor} bean (a test's in-memory exporter, say). It is not the
 * global OpenTelemetry: several services can share one JVM, each with its own.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TracingProperties.class)
class TracingConfiguration {

    @Bean(destroyMethod = "close")
    SdkTracerProvider tracerProvider(@Value("${spring.application.name:market}") String service,
            MarketProperties market, TracingProperties tracing, ObjectProvider<SpanProcessor> processors) {
        SdkTracerProviderBuilder provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), service,
                        AttributeKey.stringKey("service.instance.id"), market.instanceId()))))
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(tracing.sampleRatio())));
        if (!tracing.otlpEndpoint().isBlank()) {
            provider.addSpanProcessor(BatchSpanProcessor.builder(
                    OtlpHttpSpanExporter.builder().setEndpoint(tracing.otlpEndpoint()).build()).build());
        }
        processors.orderedStream().forEach(provider::addSpanProcessor);
        return provider.build();
    }

    @Bean
    Traces traces(SdkTracerProvider provider) {
        return new Traces(OpenTelemetrySdk.builder().setTracerProvider(provider).build());
    }

    @Bean
    TracingWebFilter tracingWebFilter(Traces traces) {
        return new TracingWebFilter(traces, ApiErrorHandler::statusOf);
    }
}
