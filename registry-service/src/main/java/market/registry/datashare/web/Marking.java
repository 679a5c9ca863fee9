package market.registry.datashare.web;

import market.platform.web.ApiException;
import market.platform.web.CommandGateway;
import market.registry.dataset.domain.DataShareProduct;
import market.registry.datashare.keys.WatermarkKeys;
import market.registry.datashare.watermark.WatermarkException;
import market.registry.datashare.watermark.WatermarkKey;
import market.registry.datashare.watermark.Watermarks;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Marks a provider's file with its mark for a product ({@code <provider DID>_<productID>}) under
 * the provider's watermark key, made on first use: for the embed endpoint, and for a publish
 * whose {@code plainData} or {@code file} is marked before it is encrypted.
 */
@Component
class Marking {

    private final CommandGateway gateway;
    private final WatermarkKeys keys;

    Marking(CommandGateway gateway, WatermarkKeys keys) {
        this.gateway = gateway;
        this.keys = keys;
    }

    /**
     * The file marked; 400 {@code REGISTRY.CANNOT_WATERMARK} when it is not a PNG, JPEG or CSV that
     * can carry the mark. The file is marked with a fresh key before that key is kept, so a file
     * that cannot be marked writes nothing; if another request kept a key first, the file is
     * marked again with it.
     */
    Mono<byte[]> mark(String provider, String nonce, byte[] file, Watermarks.Kind kind, String productId) {
        String mark = DataShareProduct.mark(provider, productId);
        return Mono.fromCallable(() -> keys.of(provider)).subscribeOn(Schedulers.boundedElastic()).flatMap(existing -> {
            if (existing.isPresent()) {
                return Mono.fromCallable(() -> marked(file, kind, existing.get(), mark))
                        .subscribeOn(Schedulers.boundedElastic());
            }
            WatermarkKeys.Fresh fresh = keys.fresh(provider, nonce);
            return Mono.fromCallable(() -> marked(file, kind, fresh.key(), mark)).subscribeOn(Schedulers.boundedElastic())
                    .flatMap(first -> gateway.sendUnsigned(provider, fresh.command()).then(keys.await(provider))
                            .publishOn(Schedulers.boundedElastic())
                            .map(kept -> kept.equals(fresh.key()) ? first : marked(file, kind, kept, mark)));
        });
    }

    static Watermarks.Kind kind(String watermarkType) {
        return switch (watermarkType) {
            case "visible" -> Watermarks.Kind.VISIBLE;
            case "blind" -> Watermarks.Kind.BLIND;
            default -> throw ApiException.badRequest("REQUEST.INVALID_FIELD", "watermarkType must be visible or blind");
        };
    }

    private static byte[] marked(byte[] file, Watermarks.Kind kind, WatermarkKey key, String mark) {
        try {
            return Watermarks.embed(file, kind, key, mark);
        } catch (WatermarkException e) {
            throw ApiException.badRequest("REGISTRY.CANNOT_WATERMARK", e.getMessage());
        }
    }
}
