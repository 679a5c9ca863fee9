package market.registry.dataset.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import market.platform.domain.Decision;
import market.platform.domain.Rejection;
import market.platform.content.Cid;
import market.platform.crypto.Addresses;
import market.platform.crypto.Hashes;
import market.platform.crypto.SegmentedAead;
import market.registry.dataset.domain.DatasetCommand.CloseDataShare;
import market.registry.dataset.domain.DatasetCommand.DeclareStagedFragments;
import market.registry.dataset.domain.DatasetCommand.PublishDataShare;
import market.registry.dataset.domain.DatasetEvent.DataRegistrationStarted;
import market.registry.dataset.domain.DatasetEvent.DataShareClosed;
import market.registry.dataset.domain.DatasetEvent.DataShareDescribed;
import market.registry.dataset.domain.DatasetEvent.DataShareStaged;
import market.registry.dataset.domain.DatasetEvent.StagedFragmentsDeclared;
import market.registry.dataset.domain.DatasetState.DataShareListing;

/**
 * The DataShare half of {@link DatasetDecider}. A publish is a registration (the same rules on
 * price, period, hashes, fragments and fee as adddatabegin) of a dataset whose id comes from its
 * provider and productID, so a product is published once; its data fragments and its samples
 * together number the fragments 1..n, and there is at least one data fragment. {@code abe}
 * needs a policy, the provider's ABE master key (abe-setup first) and at most
 * {@value #MAX_ABE_FRAGMENTS} data fragments; {@code symmetric} takes no policy. Only the provider closes a product, once, and
 * not once it was removed. A publish the registry encrypted from {@code plainData} stages every
 * fragment (a valid CID, encrypted hash and size, a key for data and none for samples); once
 * keeper-service opens its storage record the staged fragments are declared to it, once.
 */
public final class DataShareRules {

    static final String DATATYPE = "datashare";
    private static final Pattern PRODUCT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_TEXT = 1024;
    static final int MAX_ABE_FRAGMENTS = 8;

    private DataShareRules() {}

    static boolean handles(Object commandOrEvent) {
        return commandOrEvent instanceof PublishDataShare || commandOrEvent instanceof CloseDataShare
                || commandOrEvent instanceof DeclareStagedFragments || commandOrEvent instanceof DataShareDescribed
                || commandOrEvent instanceof DataShareClosed || commandOrEvent instanceof DataShareStaged
                || commandOrEvent instanceof StagedFragmentsDeclared;
    }

    static Decision<DatasetEvent> decide(DatasetCommand command, DatasetState state) {
        if (command instanceof PublishDataShare publish) {
            return publish(publish, state);
        }
        if (command instanceof DeclareStagedFragments declare) {
            return declare(declare, state);
        }
        return close((CloseDataShare) command, state);
    }

    private static Decision<DatasetEvent> publish(PublishDataShare c, DatasetState state) {
        if (state.exists()) {
            return Decision.reject(productExists(c.product().productId()));
        }
        Rejection problem = productProblem(c.product(), c.fragments());
        if (problem == null && c.product().isAbe() && !c.providerHasAbeKey()) {
            problem = abeNotSetUp();
        }
        if (problem == null) {
            problem = DatasetDecider.registrationProblem(c.price(), c.period(), c.dataHashOriginal(), c.fragments(),
                    c.size());
        }
        if (problem == null && c.staged() != null) {
            problem = stagingProblem(c.staged(), c.product(), c.fragments());
        }
        if (problem != null) {
            return Decision.reject(problem);
        }
        DataRegistrationStarted started = DatasetDecider.started(c.dataId(), DATATYPE, c.provider(), c.price(),
                List.of(), c.period(), c.dataHashOriginal(), c.size(), c.fragments(), c.at());
        if (started == null) {
            return Decision.reject(DatasetDecider.feeOverflow());
        }
        DataShareDescribed described = new DataShareDescribed(c.dataId(), c.provider(), c.product(), c.price(), c.at());
        if (c.staged() == null) {
            return Decision.accept(started, described);
        }
        List<StagedStorage.StagedFragment> ordered = new ArrayList<>(c.staged().fragments());
        ordered.sort(java.util.Comparator.comparingLong(StagedStorage.StagedFragment::fragmentNo));
        ordered.replaceAll(f -> new StagedStorage.StagedFragment(f.fragmentNo(), f.cid(),
                f.hashEncrypted().toLowerCase(java.util.Locale.ROOT), f.sizeEncrypted(), f.key()));
        return Decision.accept(started, described, new DataShareStaged(c.dataId(), c.provider(),
                new StagedStorage(c.staged().uploader(), ordered), c.at()));
    }

    /** The refusal of a publish of category abe by a provider with no ABE master key. */
    public static Rejection abeNotSetUp() {
        return Rejection.conflict("REGISTRY.ABE_NOT_SET_UP",
                "The provider has no ABE master key: abe-setup makes one, then publish");
    }

    /** The refusal of a publish of a productID the provider published before. */
    public static Rejection productExists(String productId) {
        return Rejection.conflict("REGISTRY.PRODUCT_EXISTS",
                "The product already exists: the provider published productID " + productId);
    }

    /** A staged publish names each fragment once, with a CID, an encrypted hash and size, and a key for data only. */
    private static Rejection stagingProblem(StagedStorage staged, DataShareProduct product, List<FragmentPlan> plans) {
        if (!Addresses.isAddress(staged.uploader())) {
            return Rejection.invalid("REGISTRY.INVALID_STAGING", "the uploader must be an address");
        }
        java.util.Map<Long, FragmentPlan> byNumber = new java.util.HashMap<>();
        plans.forEach(plan -> byNumber.put(plan.fragmentNo(), plan));
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (StagedStorage.StagedFragment f : staged.fragments()) {
            FragmentPlan plan = byNumber.get(f.fragmentNo());
            if (plan == null || !seen.add(f.fragmentNo())) {
                return Rejection.invalid("REGISTRY.INVALID_STAGING", "the staged fragments must be the registered ones, "
                        + "each once");
            }
            if (!Cid.isCid(f.cid())) {
                return Rejection.invalid("REGISTRY.INVALID_CID", "fragment " + f.fragmentNo()
                        + " cid must be an IPFS CIDv1 in base32 (bafy… or bafk…)");
            }
            if (!Hashes.isSha256Hex(f.hashEncrypted())) {
                return Rejection.invalid("REGISTRY.INVALID_HASH", "fragment " + f.fragmentNo()
                        + " hash_encrypted must be a SHA-256 digest: 64 hex digits");
            }
            boolean sample = product.isSample(f.fragmentNo());
            long most = sample ? plan.size() : SegmentedAead.ciphertextSize(plan.size());
            if (f.sizeEncrypted() < 1 || f.sizeEncrypted() > most) {
                return Rejection.invalid("REGISTRY.INVALID_STAGING", "fragment " + f.fragmentNo()
                        + " size_encrypted must be 1 to " + most + " bytes");
            }
            boolean keyed = f.key().sealed().length > 0;
            if (sample == keyed) {
                return Rejection.invalid("REGISTRY.INVALID_STAGING", "fragment " + f.fragmentNo()
                        + (sample ? " is a public sample and takes no key" : " needs its key"));
            }
        }
        if (seen.size() != plans.size()) {
            return Rejection.invalid("REGISTRY.INVALID_STAGING", "the staged fragments must be the registered ones, "
                    + "each once");
        }
        return null;
    }

    /** The staged fragments, declared once, while the product is being registered; nothing for any other dataset. */
    private static Decision<DatasetEvent> declare(DeclareStagedFragments c, DatasetState state) {
        StagedStorage staged = state.staged();
        if (staged == null || state.dataShare().stagedDeclared() || state.status() != DatasetStatus.REGISTERING) {
            return Decision.accept();
        }
        return Decision.accept(new StagedFragmentsDeclared(c.dataId(), state.registration().provider(),
                staged.uploader(), staged.declarations(), c.at()));
    }

    private static Rejection productProblem(DataShareProduct p, List<FragmentPlan> fragments) {
        if (!PRODUCT_ID.matcher(p.productId()).matches()) {
            return invalid("productID must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (p.productName().isBlank()) {
            return invalid("productName must not be blank");
        }
        for (String text : new String[] {p.productName(), p.providerName(), p.description(), p.fileType(), p.dataName(),
                p.orgId(), p.channelId()}) {
            if (text.length() > MAX_TEXT) {
                return invalid("each text field is at most " + MAX_TEXT + " characters");
            }
        }
        if (!DataShareProduct.SYMMETRIC.equals(p.category()) && !DataShareProduct.ABE.equals(p.category())) {
            return invalid("category must be symmetric or abe");
        }
        if (p.isAbe() && p.policy() == null) {
            return invalid("category abe needs a policy");
        }
        if (!p.isAbe() && p.policy() != null) {
            return invalid("a policy is only for category abe");
        }
        if (p.watermarkType() != null && !p.watermarkType().equals("visible") && !p.watermarkType().equals("blind")) {
            return invalid("watermarkType must be visible or blind");
        }
        if (p.dataFragments().isEmpty()) {
            return invalid("the product needs at least one data fragment");
        }
        if (p.isAbe() && p.dataFragments().size() > MAX_ABE_FRAGMENTS) {
            // each release seals every data fragment's key under the policy; they travel in one record
            return invalid("a product of category abe has at most " + MAX_ABE_FRAGMENTS + " data fragments");
        }
        List<Long> numbers = new ArrayList<>(p.dataFragments());
        p.samples().forEach(sample -> numbers.add(sample.fragmentNo()));
        numbers.sort(null);
        for (int i = 0; i < numbers.size(); i++) {
            if (numbers.get(i) != i + 1 || numbers.size() != fragments.size()) {
                return invalid("the data fragments and the samples must number the " + fragments.size()
                        + " fragments 1.." + fragments.size() + ", each once");
            }
        }
        for (DataShareProduct.Sample sample : p.samples()) {
            if (sample.sampleName().isBlank() || sample.sampleName().length() > MAX_TEXT) {
                return invalid("each sample needs a sampleName of 1 to " + MAX_TEXT + " characters");
            }
        }
        return null;
    }

    private static Decision<DatasetEvent> close(CloseDataShare c, DatasetState state) {
        if (!state.exists()) {
            return Decision.reject(DatasetDecider.notFound());
        }
        if (!state.isDataShare()) {
            return Decision.reject(Rejection.conflict("REGISTRY.NOT_DATASHARE", "The data is not a DataShare product"));
        }
        if (!state.registration().provider().equals(c.user())) {
            return Decision.reject(Rejection.forbidden("REGISTRY.NOT_PROVIDER", "Only provider can close the product"));
        }
        if (state.status() == DatasetStatus.REMOVED) {
            return Decision.reject(Rejection.conflict("REGISTRY.DATA_ALREADY_REMOVED", DatasetDecider.ALREADY_REMOVED));
        }
        if (state.dataShare().closedAt() != null) {
            return Decision.reject(Rejection.conflict("REGISTRY.PRODUCT_CLOSED", "The product is already closed"));
        }
        return Decision.accept(new DataShareClosed(c.dataId(), c.user(), c.at()));
    }

    static DatasetState evolve(DatasetState state, DatasetEvent event) {
        if (event instanceof DataShareDescribed described) {
            return state.withDataShare(new DataShareListing(described.product(), described.at(), null));
        }
        DataShareListing listing = state.dataShare();
        if (event instanceof DataShareStaged staged) {
            return state.withDataShare(new DataShareListing(listing.product(), listing.publishedAt(), listing.closedAt(),
                    staged.staged(), false));
        }
        if (event instanceof StagedFragmentsDeclared) {
            return state.withDataShare(new DataShareListing(listing.product(), listing.publishedAt(), listing.closedAt(),
                    listing.staged(), true));
        }
        return state.withDataShare(listing.closed(((DataShareClosed) event).at()));
    }

    /** A rejection of the end request: a sample carries no key, every data fragment one; null when the keys fit. */
    static Rejection keyProblem(DatasetState state, List<FragmentStorage> fragments) {
        for (FragmentStorage fragment : fragments) {
            boolean sample = state.isDataShare() && state.dataShare().product().isSample(fragment.fragmentNo());
            boolean keyed = fragment.key().sealed().length > 0;
            if (sample && keyed) {
                return Rejection.invalid("REGISTRY.SAMPLE_TAKES_NO_KEY", "fragment " + fragment.fragmentNo()
                        + " is a public sample: it is stored unencrypted and takes no encrypt_key");
            }
            if (!sample && !keyed) {
                return Rejection.invalid("REGISTRY.KEY_MISSING", "fragment " + fragment.fragmentNo()
                        + " needs its encrypt_key");
            }
        }
        return null;
    }

    private static Rejection invalid(String message) {
        return Rejection.invalid("REGISTRY.INVALID_PRODUCT", message);
    }
}
