package market.registry.datashare.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import market.platform.crypto.abe.AbeException;
import market.platform.crypto.abe.AccessPolicy;
import market.platform.crypto.abe.AccessPolicyJson;
import market.platform.crypto.abe.PolicyCompiler;
import market.platform.web.ApiException;
import market.platform.web.JsonInput;
import market.platform.web.Params;
import market.registry.command.DataShareFragment;
import market.registry.command.DataShareProduct;
import market.registry.command.DataShareSample;
import market.registry.command.PublishDataShare;

/**
 * Reads the BCS DataShare publish body (Table 1 of the contract) into {@code PublishDataShare}.
 * The contract's {@code sk} is refused: requests are signed by the provider's wallet, and no
 * private key is ever sent. {@code cert} is not needed and not kept. {@code provider} is the
 * signer, as an address or {@code did:ethr:} DID. A policy is read and checked here, so its
 * problems are named; the decider checks the product's rules. Besides the contract's fields the
 * body carries what a registration needs: {@code price}, {@code period}, the {@code fragments}
 * with their sizes and plain hashes, and which of them are {@code samples}.
 */
final class DataShareRequests {

    static final Set<String> FIELDS = Set.of("orgID", "channelID", "cryptoMethod", "cert", "sk", "timestamp",
            "provider", "providerName", "productName", "productID", "sampleUrl", "sampleSize", "sampleType",
            "sampleName", "fileType", "dataUrl", "dataHash", "dataSize", "dataName", "description", "plainData",
            "category", "watermarkType", "file", "policy", "price", "period", "fragments", "samples");
    private static final Set<String> FRAGMENT_FIELDS = Set.of("fragment_no", "size", "hash_original", "idfs_cluster_id");
    private static final Set<String> SAMPLE_FIELDS = Set.of("fragment_no", "sampleName", "sampleType");
    private static final Set<String> TEXT_FIELDS = Set.of("orgID", "channelID", "providerName", "productName", "productID",
            "fileType", "dataName", "description", "category", "watermarkType", "dataHash");
    private static final int MAX_TEXT = 1024;
    private static final int MAX_FRAGMENTS = 256;

    private DataShareRequests() {}

    /** The product id of a publish body, read before the rest so the data_id can be derived from it. */
    static String productId(JsonInput json) {
        return json.string("productID");
    }

    static JsonInput read(byte[] body, String signer) {
        JsonInput json = JsonInput.object(body, FIELDS);
        if (json.present("sk")) {
            throw ApiException.badRequest("REQUEST.PRIVATE_KEY_REFUSED", "a request must not carry a private key (sk): "
                    + "sign it with the provider's wallet instead; no private key is ever sent to a service");
        }
        if (json.has("plainData") || json.has("file")) {
            throw ApiException.badRequest("REGISTRY.PLAIN_DATA_NOT_BUILT", "publishing with plainData or file is not "
                    + "built yet: encrypt and upload the data with `market datashare publish`, which sends fragments");
        }
        if (!"SW".equals(json.string("cryptoMethod", "SW"))) {
            throw ApiException.badRequest("REQUEST.INVALID_FIELD", "cryptoMethod must be SW");
        }
        String provider = Params.account("provider", json.string("provider"));
        if (!provider.equals(signer)) {
            throw new ApiException(403, "REGISTRY.PROVIDER_NOT_SIGNER", "provider must be the account that signs");
        }
        return json;
    }

    static PublishDataShare publish(JsonInput json, String signer, String nonce, long dataId, Instant now) {
        String category = json.string("category", "symmetric");
        String policy = null;
        if (json.has("policy")) {
            try {
                AccessPolicy read = AccessPolicyJson.read(json.json("policy"));
                // compiled now, so a policy that can never hold, or is too large, is refused before any sale
                PolicyCompiler.compile(read);
                policy = AccessPolicyJson.write(read).toString();
            } catch (AbeException e) {
                throw ApiException.badRequest("REGISTRY.INVALID_POLICY", e.getMessage());
            }
        }
        if (json.objects("fragments", FRAGMENT_FIELDS).size() > MAX_FRAGMENTS) {
            throw ApiException.badRequest("REQUEST.INVALID_FIELD", "a product has at most " + MAX_FRAGMENTS + " fragments");
        }
        for (String field : TEXT_FIELDS) {
            if (json.has(field) && json.string(field).length() > MAX_TEXT) {
                throw ApiException.badRequest("REQUEST.INVALID_FIELD", field + " is at most " + MAX_TEXT + " characters");
            }
        }
        List<DataShareFragment> fragments = json.objects("fragments", FRAGMENT_FIELDS).stream()
                .map(f -> new DataShareFragment(f.integer("fragment_no"), f.integer("size"), f.string("hash_original"),
                        f.has("idfs_cluster_id") ? f.integer("idfs_cluster_id") : 0))
                .toList();
        List<DataShareSample> samples = json.has("samples")
                ? json.objects("samples", SAMPLE_FIELDS).stream().map(s -> new DataShareSample(s.integer("fragment_no"),
                        s.string("sampleName"), s.string("sampleType", ""))).toList()
                : List.of();
        List<Long> dataFragments = new ArrayList<>();
        for (DataShareFragment fragment : fragments) {
            if (samples.stream().noneMatch(s -> s.getFragmentNo() == fragment.getFragmentNo())) {
                dataFragments.add(fragment.getFragmentNo());
            }
        }
        long size = 0;
        for (DataShareFragment fragment : fragments) {
            size = fragment.getSize() < 0 || size > Long.MAX_VALUE - fragment.getSize() ? -1 : size + fragment.getSize();
            if (size < 0) {
                throw ApiException.badRequest("REQUEST.INVALID_FIELD", "the fragment sizes are too large");
            }
        }
        DataShareProduct product = DataShareProduct.newBuilder()
                .setProductId(json.string("productID"))
                .setProductName(json.string("productName"))
                .setProviderName(json.string("providerName", ""))
                .setDescription(json.string("description", ""))
                .setCategory(category)
                .setPolicy(policy)
                .setWatermarkType(json.has("watermarkType") ? json.string("watermarkType") : null)
                .setFileType(json.string("fileType", ""))
                .setDataName(json.string("dataName", ""))
                .setDataFragments(dataFragments)
                .setSamples(samples)
                .setOrgId(json.string("orgID", ""))
                .setChannelId(json.string("channelID", ""))
                .build();
        return PublishDataShare.newBuilder()
                .setActor(signer).setNonce(nonce).setIssuedAt(now).setDataId(dataId)
                .setPrice(json.amount("price"))
                .setPeriod(json.integer("period"))
                .setDataHashOriginal(json.string("dataHash"))
                .setSize(size)
                .setFragments(fragments)
                .setProduct(product)
                .build();
    }
}
