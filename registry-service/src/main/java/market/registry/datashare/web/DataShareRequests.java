package market.registry.datashare.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import market.platform.crypto.abe.AbeException;
import market.platform.crypto.abe.AccessPolicy;
import market.platform.crypto.abe.AccessPolicyJson;
import market.platform.crypto.abe.PolicyCompiler;
import market.platform.crypto.Hashes;
import market.platform.web.ApiException;
import market.platform.web.JsonInput;
import market.platform.web.Params;
import market.registry.command.DataShareFragment;
import market.registry.command.DataShareProduct;
import market.registry.command.DataShareSample;
import market.registry.command.PublishDataShare;
import market.registry.command.StagedFragment;
import market.registry.command.StagedStorage;
import market.registry.datashare.staging.StagingArea;
import market.schemas.AvroBytes;

/**
 * Reads the BCS DataShare publish body (Table 1 of the contract) into {@code PublishDataShare}.
 * The contract's {@code sk} is refused: requests are signed by the provider's wallet, and no
 * private key is ever sent. {@code cert} is not needed and not kept. {@code provider} is the
 * signer, as an address or {@code did:ethr:} DID. A policy is read and checked here, so its
 * problems are named; the decider checks the product's rules. Besides the contract's fields the
 * body carries what a registration needs: {@code price}, {@code period}, the {@code fragments}
 * with their sizes and plain hashes, and which of them are {@code samples}. A body may instead
 * carry the data itself as {@code plainData} (or as a {@code file} to watermark), up to 8 MiB:
 * the registry then encrypts it as the one data fragment and stores it, on the cluster
 * {@code idfs_cluster_id} names (0 or absent: the platform chooses).
 */
final class DataShareRequests {

    static final Set<String> FIELDS = Set.of("orgID", "channelID", "cryptoMethod", "cert", "sk", "timestamp",
            "provider", "providerName", "productName", "productID", "sampleUrl", "sampleSize", "sampleType",
            "sampleName", "fileType", "dataUrl", "dataHash", "dataSize", "dataName", "description", "plainData",
            "category", "watermarkType", "file", "policy", "price", "period", "fragments", "samples", "idfs_cluster_id");
    private static final Set<String> FRAGMENT_FIELDS = Set.of("fragment_no", "size", "hash_original", "idfs_cluster_id");
    private static final Set<String> SAMPLE_FIELDS = Set.of("fragment_no", "sampleName", "sampleType");
    private static final Set<String> TEXT_FIELDS = Set.of("orgID", "channelID", "providerName", "productName", "productID",
            "fileType", "dataName", "description", "category", "watermarkType", "dataHash");
    private static final int MAX_TEXT = 1024;
    private static final int MAX_FRAGMENTS = 256;
    static final int MAX_PLAIN_DATA = 8 << 20;

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
        if (!"SW".equals(json.string("cryptoMethod", "SW"))) {
            throw ApiException.badRequest("REQUEST.INVALID_FIELD", "cryptoMethod must be SW");
        }
        String provider = Params.account("provider", json.string("provider"));
        if (!provider.equals(signer)) {
            throw new ApiException(403, "REGISTRY.PROVIDER_NOT_SIGNER", "provider must be the account that signs");
        }
        return json;
    }

    /** Whether the body carries the data itself ({@code plainData}, or a {@code file} to watermark). */
    static boolean carriesData(JsonInput json) {
        return json.has("plainData") || json.has("file");
    }

    /**
     * The data a body carries: {@code file} when given (the contract's file to watermark, which
     * takes the place of {@code plainData}), else {@code plainData}; Base64 of 1 byte to
     * {@value #MAX_PLAIN_DATA} bytes. It is stored as one fragment, so the body names no fragments
     * or samples; a {@code dataHash} or {@code dataSize} given must be the data's.
     */
    static byte[] plainData(JsonInput json) {
        if (json.has("fragments") || json.has("samples")) {
            throw ApiException.badRequest("REQUEST.INVALID_FIELD", "with plainData or file the registry stores the "
                    + "data as one fragment: leave out fragments and samples (market datashare publish uploads "
                    + "fragments and samples itself, for data of any size)");
        }
        String field = json.has("file") ? "file" : "plainData";
        if (field.equals("file") && !json.has("watermarkType")) {
            throw ApiException.badRequest("REQUEST.INVALID_FIELD", "file is the data to watermark: give watermarkType "
                    + "(visible or blind), or send the data as plainData");
        }
        String text = json.string(field);
        if (text.length() > (MAX_PLAIN_DATA + 2) / 3 * 4 + 4) {
            throw plainDataTooLarge(field);
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("REQUEST.INVALID_BASE64", field + " must be Base64 (RFC 4648's standard "
                    + "alphabet, no line breaks): " + e.getMessage());
        }
        if (data.length > MAX_PLAIN_DATA) {
            throw plainDataTooLarge(field);
        }
        if (data.length == 0) {
            throw ApiException.badRequest("REQUEST.INVALID_FIELD", field + " is empty");
        }
        if (json.has("dataHash") && !json.string("dataHash").equalsIgnoreCase(Hashes.sha256Hex(data))) {
            throw ApiException.badRequest("REGISTRY.DATA_HASH_MISMATCH", "dataHash is not the SHA-256 of " + field);
        }
        if (json.has("dataSize") && !json.string("dataSize").equals(Long.toString(data.length))) {
            throw ApiException.badRequest("REQUEST.INVALID_FIELD", "dataSize is not the size of " + field + " ("
                    + data.length + " bytes)");
        }
        return data;
    }

    private static ApiException plainDataTooLarge(String field) {
        return new ApiException(413, "REGISTRY.PLAIN_DATA_TOO_LARGE", field + " is at most " + MAX_PLAIN_DATA
                + " bytes (8 MiB) once decoded; market datashare publish encrypts and uploads data of any size");
    }

    /**
     * The publish of data the registry encrypted: one data fragment of the (marked) data's size
     * and SHA-256, on the body's {@code idfs_cluster_id} (0: the platform chooses), staged with its CID, encrypted hash and
     * size and its custody-wrapped key, uploaded by the registry's {@code uploader}.
     */
    static PublishDataShare publishStaged(JsonInput json, String signer, String nonce, long dataId, Instant now,
            byte[] data, StagingArea.Staged staged, String uploader) {
        PublishDataShare fromBody = publish(json, signer, nonce, dataId, now, List.of(), data);
        fromBody.setStaged(new StagedStorage(uploader, List.of(new StagedFragment(1L, staged.cid(),
                staged.hashEncrypted(), staged.sizeEncrypted(), AvroBytes.wrap(staged.key().sealed()),
                staged.key().custodyKeyId()))));
        return fromBody;
    }

    /** The publish of {@code data} as its one data fragment, not yet staged. */
    static PublishDataShare publish(JsonInput json, String signer, String nonce, long dataId, Instant now,
            List<DataShareSample> samples, byte[] data) {
        String hash = Hashes.sha256Hex(data);
        long cluster = json.has("idfs_cluster_id") ? json.integer("idfs_cluster_id") : 0L;
        return publish(json, signer, nonce, dataId, now, List.of(new DataShareFragment(1L, (long) data.length, hash,
                cluster)), samples, hash);
    }

    static PublishDataShare publish(JsonInput json, String signer, String nonce, long dataId, Instant now) {
        if (json.objects("fragments", FRAGMENT_FIELDS).size() > MAX_FRAGMENTS) {
            throw ApiException.badRequest("REQUEST.INVALID_FIELD", "a product has at most " + MAX_FRAGMENTS + " fragments");
        }
        List<DataShareFragment> fragments = json.objects("fragments", FRAGMENT_FIELDS).stream()
                .map(f -> new DataShareFragment(f.integer("fragment_no"), f.integer("size"), f.string("hash_original"),
                        f.has("idfs_cluster_id") ? f.integer("idfs_cluster_id") : 0))
                .toList();
        List<DataShareSample> samples = json.has("samples")
                ? json.objects("samples", SAMPLE_FIELDS).stream().map(s -> new DataShareSample(s.integer("fragment_no"),
                        s.string("sampleName"), s.string("sampleType", ""))).toList()
                : List.of();
        return publish(json, signer, nonce, dataId, now, fragments, samples, json.string("dataHash"));
    }

    private static PublishDataShare publish(JsonInput json, String signer, String nonce, long dataId, Instant now,
            List<DataShareFragment> fragments, List<DataShareSample> samples, String dataHash) {
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
        for (String field : TEXT_FIELDS) {
            if (json.has(field) && json.string(field).length() > MAX_TEXT) {
                throw ApiException.badRequest("REQUEST.INVALID_FIELD", field + " is at most " + MAX_TEXT + " characters");
            }
        }
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
                .setDataHashOriginal(dataHash)
                .setSize(size)
                .setFragments(fragments)
                .setProduct(product)
                .build();
    }
}
