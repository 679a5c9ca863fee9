package market.registry.datashare.web;

import java.util.Base64;
import java.util.Map;
import java.util.Set;
import market.platform.web.ApiException;
import market.platform.web.JsonInput;
import market.platform.web.SignatureVerifier;
import market.registry.dataset.domain.DataShareProduct;
import market.registry.datashare.keys.WatermarkKeys;
import market.registry.datashare.watermark.WatermarkException;
import market.registry.datashare.watermark.Watermarks;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.multipart.Part;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Watermarks. {@code POST /v1/datashare/watermark/embed} (signed by the provider): the file,
 * marked {@code visible} or {@code blind} with the provider's mark for {@code productID}, under
 * its watermark key, made on first use; the file passes through and is kept nowhere.
 * {@code POST /v1/datashare/dataset/watermark/extract} (multipart {@code file}, unsigned): the
 * mark the file carries among the watermarked products, or 404 "no watermark found".
 */
@RestController
@RequestMapping("/v1/datashare")
class WatermarkController {

    static final int MAX_FILE_BYTES = 8 << 20;
    private static final Set<String> EMBED_FIELDS = Set.of("productID", "watermarkType", "file");

    private final SignatureVerifier verifier;
    private final Marking marking;
    private final WatermarkKeys keys;

    WatermarkController(SignatureVerifier verifier, Marking marking, WatermarkKeys keys) {
        this.verifier = verifier;
        this.marking = marking;
        this.keys = keys;
    }

    @PostMapping("/watermark/embed")
    Mono<Map<String, String>> embed(ServerHttpRequest request, @RequestBody(required = false) byte[] body) {
        SignatureVerifier.SignedRequest signed = verifier.verify(request, body);
        JsonInput json = JsonInput.object(body, EMBED_FIELDS);
        String productId = json.string("productID");
        if (!productId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw ApiException.badRequest("REQUEST.INVALID_FIELD",
                    "productID must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        Watermarks.Kind kind = Marking.kind(json.string("watermarkType"));
        byte[] file = decode(json.string("file"));
        String mark = DataShareProduct.mark(signed.signer(), productId);
        return marking.mark(signed.signer(), signed.nonce(), file, kind, productId)
                .map(bytes -> Map.of("watermark", mark, "file", Base64.getEncoder().encodeToString(bytes)));
    }

    @PostMapping("/dataset/watermark/extract")
    Mono<Map<String, String>> extract(@RequestPart(name = "file", required = false) Part file) {
        if (file == null) {
            throw ApiException.badRequest("REQUEST.MISSING_FIELD", "missing multipart part 'file'");
        }
        return DataBufferUtils.join(file.content(), MAX_FILE_BYTES)
                .onErrorMap(org.springframework.core.io.buffer.DataBufferLimitException.class, e -> tooLarge())
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .publishOn(Schedulers.boundedElastic())
                .map(bytes -> {
                    try {
                        return Watermarks.extract(bytes, keys.candidates());
                    } catch (WatermarkException e) {
                        throw ApiException.badRequest("REGISTRY.UNREADABLE_FILE", e.getMessage());
                    }
                })
                .map(found -> found.map(mark -> Map.of("watermark", mark)).orElseThrow(() ->
                        ApiException.notFound("REGISTRY.NO_WATERMARK", "no watermark found")));
    }

    static byte[] decode(String base64) {
        byte[] file;
        try {
            file = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("REQUEST.INVALID_BASE64", "file must be Base64");
        }
        if (file.length > MAX_FILE_BYTES) {
            throw tooLarge();
        }
        if (file.length == 0) {
            throw ApiException.badRequest("REQUEST.INVALID_FIELD", "file is empty");
        }
        return file;
    }

    static ApiException tooLarge() {
        return new ApiException(413, "REQUEST.FILE_TOO_LARGE", "a file to watermark is at most 8 MiB");
    }
}
