package market.registry.wire;

import java.time.Duration;
import java.util.List;
import market.platform.crypto.Hashes;
import market.platform.runtime.NotYetVisibleException;
import market.platform.runtime.ReferenceData;
import market.platform.runtime.ServiceModel;
import market.registry.RegistryAggregates;
import market.registry.command.AddDataBegin;
import market.registry.command.AddDataEnd;
import market.registry.command.AddDataType;
import market.registry.command.ConfirmFragmentStored;
import market.registry.command.ConfirmStorageFee;
import market.registry.command.FailPlacement;
import market.registry.command.FailRegistration;
import market.registry.command.RecordPlacement;
import market.registry.command.ReleaseKeys;
import market.registry.command.RemoveData;
import market.registry.custody.KeyCustody;
import market.registry.dataset.domain.DataShareProduct;
import market.registry.dataset.domain.DatasetCommand;
import market.registry.dataset.domain.DatasetState;
import market.registry.dataset.domain.FragmentPlan;
import market.registry.dataset.domain.FragmentStorage;
import market.registry.dataset.domain.ReleasedKey;
import market.registry.dataset.domain.StagedStorage;
import market.registry.dataset.domain.WrappedKey;
import market.platform.crypto.abe.AbeMasterKey;
import market.platform.crypto.abe.AccessPolicy;
import market.platform.crypto.abe.AccessPolicyJson;
import market.registry.datashare.keys.domain.ProviderKeysCommand;
import market.registry.datashare.keys.domain.ProviderKeysState;
import market.registry.datatype.domain.DataTypeCommand;
import market.registry.datatype.domain.DataTypeState;
import market.schemas.AvroBytes;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns the registry's Avro commands into domain commands. For adddatabegin it resolves the
 * data type from the view of all partitions, catching the view up before concluding that the
 * type does not exist. For a key release it opens each custody-wrapped key and seals it to the
 * buyer's public key, so the command the decider sees already holds only ECIES boxes.
 */
public final class RegistryCommands implements ServiceModel.CommandTranslator {

    private static final Duration CATCH_UP = Duration.ofSeconds(5);
    /**
     * The key of a paid abekey-order, made here from the provider's master key for the attributes
     * granted and sealed to the buyer; null when the order is no longer waiting for its payment
     * (the decider then answers for it).
     */
    private byte[] paidKey(market.registry.command.IssuePaidAbeKey c, ReferenceData references) {
        String id = market.registry.datashare.keys.domain.AbeKeyOrder.id(c.getBuyer(), c.getOrderSeq());
        java.util.function.Predicate<ProviderKeysState> decided = state -> state.keyOrders().containsKey(id)
                && !market.registry.datashare.keys.domain.AbeKeyOrder.REQUEST.equals(state.keyOrders().get(id).status());
        ProviderKeysState keys = references.state(RegistryAggregates.PROVIDER_KEYS, c.getProvider(), decided, CATCH_UP);
        if (!decided.test(keys)) {
            // paid, so priced: the view has not caught up with the pricing yet; the command is retried
            throw new NotYetVisibleException("the priced order " + id + " is not visible yet");
        }
        var order = keys.keyOrders().get(id);
        if (!market.registry.datashare.keys.domain.AbeKeyOrder.READY.equals(order.status())) {
            return null;
        }
        // the granted attributes were read and written canonically where the authorization entered
        return userKeys.issueSealed(keys, market.platform.crypto.abe.AbeAttributes.read(order.grantedAttributes()),
                order.buyer(), order.orderSeq(), order.buyerKey());
    }

    /** What the ABE master key is sealed as, in custody. */
    public static final String MASTER_KEY_PURPOSE = "abe-master-key";

    private final KeyCustody custody;
    private final market.registry.datashare.keys.AbeUserKeys userKeys;

    public RegistryCommands(KeyCustody custody) {
        this.custody = custody;
        this.userKeys = new market.registry.datashare.keys.AbeUserKeys(custody);
    }

    @Override
    public Object toDomain(SpecificRecord command, ReferenceData references) {
        if (command instanceof AddDataType c) {
            return new DataTypeCommand.AddDataType(c.getActor(), c.getDatatypeId(), c.getDatatypeName(),
                    c.getDetailFieldsNum(), c.getDetailFields(), c.getIssuedAt());
        }
        if (command instanceof AddDataBegin c) {
            return new DatasetCommand.AddDataBegin(c.getActor(), c.getDataId(), datatype(c.getDatatypeName(), references),
                    c.getDatatypeName(), c.getPrice(), c.getDetailFields(), c.getPeriod(), c.getDataHashOriginal(),
                    c.getSize(), c.getFragments().stream().map(f -> new FragmentPlan(f.getFragmentNo(), f.getSize(),
                            f.getHashOriginal(), f.getIdfsClusterId())).toList(), c.getIssuedAt());
        }
        if (command instanceof AddDataEnd c) {
            return new DatasetCommand.AddDataEnd(c.getActor(), c.getDataId(), c.getFragments().stream()
                    .map(f -> new FragmentStorage(f.getFragmentNo(), f.getCid(), f.getHashEncrypted(),
                            new WrappedKey(AvroBytes.of(f.getWrappedKey()), f.getCustodyKeyId()))).toList(),
                    c.getIssuedAt());
        }
        if (command instanceof RemoveData c) {
            return new DatasetCommand.RemoveData(c.getActor(), c.getDataId(), c.getIssuedAt());
        }
        if (command instanceof ConfirmStorageFee c) {
            return new DatasetCommand.ConfirmStorageFee(c.getDataId(), c.getAmount(), c.getIssuedAt());
        }
        if (command instanceof market.registry.command.EndStorage c) {
            return new DatasetCommand.EndStorage(c.getDataId(), c.getIssuedAt());
        }
        if (command instanceof FailRegistration c) {
            return new DatasetCommand.FailRegistration(c.getDataId(), c.getReason(), c.getIssuedAt());
        }
        if (command instanceof RecordPlacement c) {
            java.util.Map<Long, Long> clusters = new java.util.HashMap<>();
            c.getPlacements().forEach(p -> clusters.put(p.getFragmentNo(), p.getIdfsClusterId()));
            return new DatasetCommand.RecordPlacement(c.getDataId(), clusters, c.getIssuedAt());
        }
        if (command instanceof FailPlacement c) {
            return new DatasetCommand.FailPlacement(c.getDataId(), c.getReason(), c.getIssuedAt());
        }
        if (command instanceof ConfirmFragmentStored c) {
            return new DatasetCommand.ConfirmFragmentStored(c.getDataId(), c.getFragmentNo(), c.getCid(), c.getReplicas(),
                    c.getIssuedAt());
        }
        if (command instanceof ReleaseKeys c) {
            return new DatasetCommand.ReleaseKeys(c.getDataId(), c.getDealId(), c.getBuyer(), c.getBuyerKey(),
                    releasedKeys(c, references), c.getIssuedAt());
        }
        if (command instanceof market.registry.command.PublishDataShare c) {
            var p = c.getProduct();
            return new DatasetCommand.PublishDataShare(c.getActor(), c.getDataId(), new DataShareProduct(
                    p.getProductId(), p.getProductName(), p.getProviderName(), p.getDescription(), p.getCategory(),
                    p.getPolicy(), p.getWatermarkType(), p.getFileType(), p.getDataName(), p.getDataFragments(),
                    p.getSamples().stream().map(s -> new DataShareProduct.Sample(s.getFragmentNo(), s.getSampleName(),
                            s.getSampleType())).toList(), p.getOrgId(), p.getChannelId()),
                    c.getPrice(), c.getPeriod(), c.getDataHashOriginal(), c.getSize(),
                    c.getFragments().stream().map(f -> new FragmentPlan(f.getFragmentNo(), f.getSize(),
                            f.getHashOriginal(), f.getIdfsClusterId())).toList(),
                    p.getCategory().equals(DataShareProduct.ABE) && references.state(RegistryAggregates.PROVIDER_KEYS,
                            c.getActor(), ProviderKeysState::hasAbe, CATCH_UP).hasAbe(),
                    c.getStaged() == null ? null : new StagedStorage(c.getStaged().getUploader(),
                            c.getStaged().getFragments().stream().map(f -> new StagedStorage.StagedFragment(
                                    f.getFragmentNo(), f.getCid(), f.getHashEncrypted(), f.getSizeEncrypted(),
                                    new WrappedKey(AvroBytes.of(f.getWrappedKey()), f.getCustodyKeyId()))).toList()),
                    c.getIssuedAt());
        }
        if (command instanceof market.registry.command.DeclareStagedFragments c) {
            return new DatasetCommand.DeclareStagedFragments(c.getDataId(), c.getIssuedAt());
        }
        if (command instanceof market.registry.command.CloseDataShare c) {
            return new DatasetCommand.CloseDataShare(c.getActor(), c.getDataId(), c.getIssuedAt());
        }
        if (command instanceof market.registry.command.SetUpAbe c) {
            return new ProviderKeysCommand.SetUpAbe(c.getActor(),
                    new WrappedKey(AvroBytes.of(c.getSealedMasterKey()), c.getCustodyKeyId()), c.getMasterId(),
                    c.getIssuedAt());
        }
        if (command instanceof market.registry.command.ApplyAbeKey c) {
            return new ProviderKeysCommand.ApplyAbeKey(c.getActor(), c.getProvider(), c.getOrderSeq(), c.getAttributes(),
                    c.getBuyerKey(), c.getReason(), c.getMaxPrice(), c.getIssuedAt());
        }
        if (command instanceof market.registry.command.AuthorizeAbeKey c) {
            return new ProviderKeysCommand.AuthorizeAbeKey(c.getActor(), c.getBuyer(), c.getOrderSeq(), c.getApprove(),
                    c.getAttributes(), c.getSealedUserKey() == null ? null : AvroBytes.of(c.getSealedUserKey()),
                    c.getMasterId(), c.getReason(), c.getPrice(), c.getIssuedAt());
        }
        if (command instanceof market.registry.command.IssuePaidAbeKey c) {
            return new ProviderKeysCommand.IssuePaidAbeKey(c.getProvider(), c.getBuyer(), c.getOrderSeq(),
                    paidKey(c, references), c.getIssuedAt());
        }
        if (command instanceof market.registry.command.FailAbeKeyPayment c) {
            return new ProviderKeysCommand.FailAbeKeyPayment(c.getProvider(), c.getBuyer(), c.getOrderSeq(),
                    c.getReason(), c.getIssuedAt());
        }
        if (command instanceof market.registry.command.SetUpWatermark c) {
            return new ProviderKeysCommand.SetUpWatermark(c.getActor(),
                    new WrappedKey(AvroBytes.of(c.getSealedWatermarkKey()), c.getCustodyKeyId()), c.getIssuedAt());
        }
        throw new IllegalArgumentException("not a registry command: " + command.getSchema().getFullName());
    }

    /**
     * Each stored fragment key, opened from custody and sealed to the buyer's key. The stored keys
     * come from the view of all partitions: adddataend happened before the data went on sale, so
     * before any deal. A view still catching up (after a restart) is caught up first; if the keys
     * are still not visible, the batch is handled again shortly rather than the release refused.
     */
    private List<ReleasedKey> releasedKeys(ReleaseKeys c, ReferenceData references) {
        DatasetState state = references.state(RegistryAggregates.DATASET, Long.toString(c.getDataId()),
                dataset -> !dataset.stored().isEmpty(), CATCH_UP);
        if (state.stored().isEmpty()) {
            throw new NotYetVisibleException("the stored keys of data " + c.getDataId() + " are not visible yet");
        }
        byte[] buyerKey = Hashes.fromHex(c.getBuyerKey());
        List<FragmentStorage> keyed = state.stored().stream()
                .filter(f -> !(state.isDataShare() && state.dataShare().product().isSample(f.fragmentNo()))).toList();
        if (state.isDataShare() && state.dataShare().product().isAbe()) {
            AbeMasterKey master = masterKey(state.registration().provider(), references);
            AccessPolicy policy = AccessPolicyJson.read(state.dataShare().product().policy());
            return keyed.stream().map(f -> new ReleasedKey(f.fragmentNo(), custody.releaseUnderPolicy(buyerKey,
                    c.getDataId(), f.fragmentNo(), f.key(), master, policy))).toList();
        }
        return keyed.stream().map(f -> new ReleasedKey(f.fragmentNo(),
                custody.releaseTo(buyerKey, c.getDataId(), f.fragmentNo(), f.key()))).toList();
    }

    /** The provider's ABE master key, opened from custody; kept before the product could be published. */
    private AbeMasterKey masterKey(String provider, ReferenceData references) {
        ProviderKeysState keys = references.state(RegistryAggregates.PROVIDER_KEYS, provider, ProviderKeysState::hasAbe,
                CATCH_UP);
        if (!keys.hasAbe()) {
            throw new NotYetVisibleException("the ABE master key of " + provider + " is not visible yet");
        }
        byte[] secret = custody.openSecret(MASTER_KEY_PURPOSE, provider, keys.abeMasterKey());
        try {
            return AbeMasterKey.decode(secret);
        } finally {
            java.util.Arrays.fill(secret, (byte) 0);
        }
    }

    private static DatasetCommand.DataTypeRef datatype(String name, ReferenceData references) {
        DataTypeState state = references.state(RegistryAggregates.DATATYPE, name, DataTypeState::exists, CATCH_UP);
        return state.exists()
                ? new DatasetCommand.DataTypeRef(name, state.definition().detailFieldsNum())
                : null;
    }
}
