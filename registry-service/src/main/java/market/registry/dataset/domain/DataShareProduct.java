package market.registry.dataset.domain;

import java.util.List;

/**
 * What makes a dataset a BCS DataShare product: the contract's description fields, its
 * encryption {@code category} ({@code symmetric} or {@code abe}, with the ABE {@code policy} as
 * canonical JSON), its {@code watermarkType}, and which of the dataset's fragments hold the data
 * and which are the public samples, stored unencrypted.
 */
public record DataShareProduct(String productId, String productName, String providerName, String description,
        String category, String policy, String watermarkType, String fileType, String dataName,
        List<Long> dataFragments, List<Sample> samples, String orgId, String channelId) {

    public static final String SYMMETRIC = "symmetric";
    public static final String ABE = "abe";

    public DataShareProduct {
        dataFragments = List.copyOf(dataFragments);
        samples = List.copyOf(samples);
    }

    /** A public sample: the fragment that holds it, and the contract's sampleName and sampleType. */
    public record Sample(long fragmentNo, String sampleName, String sampleType) {}

    public boolean isSample(long fragmentNo) {
        return samples.stream().anyMatch(sample -> sample.fragmentNo() == fragmentNo);
    }

    public boolean isAbe() {
        return ABE.equals(category);
    }

    /** The contract's watermark: {@code <provider DID>_<productID>}. */
    public static String mark(String provider, String productId) {
        return market.platform.ids.Did.of(provider) + "_" + productId;
    }
}
