package market.registry.wire;

import market.platform.runtime.ServiceModel;
import market.registry.dataset.domain.DataShareProduct;
import market.registry.dataset.domain.DatasetEvent;
import market.registry.dataset.domain.FragmentPlan;
import market.registry.dataset.domain.FragmentStorage;
import market.registry.dataset.domain.StagedStorage;
import market.registry.dataset.domain.StorageFee;
import market.registry.dataset.domain.WrappedKey;
import market.registry.datashare.keys.domain.ProviderKeysEvent;
import market.registry.datatype.domain.DataTypeEvent;
import market.registry.event.DataPutOnSale;
import market.registry.event.DataRegistrationCompleted;
import market.registry.event.DataRegistrationFailed;
import market.registry.event.DataRegistrationStarted;
import market.registry.event.DataRemoved;
import market.registry.event.DataStorageEnded;
import market.registry.event.DataTypeAdded;
import market.registry.event.FragmentStorageConfirmed;
import market.registry.event.KeysReleased;
import market.registry.event.PlacementRecorded;
import market.registry.event.RecordedPlacement;
import market.registry.event.RegisteredFragment;
import market.registry.event.ReleasedKey;
import market.registry.event.StoredFragment;
import market.schemas.AvroBytes;
import org.apache.avro.specific.SpecificRecord;

/** The registry's domain events to and from their Avro records on {@code registry.events}. */
public final class RegistryEvents implements ServiceModel.EventTranslator {

    @Override
    public SpecificRecord toAvro(Object event) {
        if (event instanceof DataTypeEvent.DataTypeAdded e) {
            return new DataTypeAdded(e.datatypeId(), e.datatypeName(), e.definer(), e.detailFieldsNum(),
                    e.detailFields(), e.at());
        }
        if (event instanceof DatasetEvent.DataRegistrationStarted e) {
            return new DataRegistrationStarted(e.dataId(), e.datatypeName(), e.provider(), e.price(), e.detailFields(),
                    e.period(), e.dataHashOriginal(), e.size(), e.fragments().stream()
                            .map(f -> new RegisteredFragment(f.fragmentNo(), f.size(), f.hashOriginal(), f.idfsClusterId()))
                            .toList(),
                    e.fee().dayStorageFee(), e.fee().daySingleIDFSfee(), e.fee().totalStorageFee(), e.at());
        }
        if (event instanceof DatasetEvent.DataRegistrationCompleted e) {
            return new DataRegistrationCompleted(e.dataId(), e.provider(), e.fragments().stream()
                    .map(f -> new StoredFragment(f.fragmentNo(), f.cid(), f.hashEncrypted(),
                            AvroBytes.wrap(f.key().sealed()), f.key().custodyKeyId())).toList(), e.at(), e.storageFee(),
                    e.feePending());
        }
        if (event instanceof DatasetEvent.DataPutOnSale e) {
            return new DataPutOnSale(e.dataId(), e.provider(), e.storageFee(), e.at(), e.period(), e.daySingleIDFSfee());
        }
        if (event instanceof DatasetEvent.DataStorageEnded e) {
            return new DataStorageEnded(e.dataId(), e.provider(), e.at());
        }
        if (event instanceof DatasetEvent.DataRegistrationFailed e) {
            return new DataRegistrationFailed(e.dataId(), e.provider(), e.reason(), e.at());
        }
        if (event instanceof DatasetEvent.KeysReleased e) {
            return new KeysReleased(e.dataId(), e.dealId(), e.buyer(), e.buyerKey(), e.keys().stream()
                    .map(k -> new ReleasedKey(k.fragmentNo(), AvroBytes.wrap(k.box()))).toList(), e.at());
        }
        if (event instanceof DatasetEvent.DataRemoved e) {
            return new DataRemoved(e.dataId(), e.removedBy(), e.at());
        }
        if (event instanceof DatasetEvent.PlacementRecorded e) {
            return new PlacementRecorded(e.dataId(), e.clusters().entrySet().stream()
                    .sorted(java.util.Map.Entry.comparingByKey())
                    .map(p -> new RecordedPlacement(p.getKey(), p.getValue())).toList(), e.at());
        }
        if (event instanceof DatasetEvent.FragmentStorageConfirmed e) {
            return new FragmentStorageConfirmed(e.dataId(), e.fragmentNo(), e.cid(), e.replicas(), e.at());
        }
        if (event instanceof DatasetEvent.DataShareStaged e) {
            return new market.registry.event.DataShareStaged(e.dataId(), e.provider(), e.staged().uploader(),
                    e.staged().fragments().stream().map(f -> new market.registry.event.StagedFragmentKey(f.fragmentNo(),
                            f.cid(), f.hashEncrypted(), f.sizeEncrypted(), AvroBytes.wrap(f.key().sealed()),
                            f.key().custodyKeyId())).toList(), e.at());
        }
        if (event instanceof DatasetEvent.StagedFragmentsDeclared e) {
            return new market.registry.event.StagedFragmentsDeclared(e.dataId(), e.provider(), e.uploader(),
                    e.fragments().stream().map(f -> new market.registry.event.StagedDeclaration(f.fragmentNo(), f.cid(),
                            f.sizeEncrypted())).toList(), e.at());
        }
        if (event instanceof DatasetEvent.DataShareDescribed e) {
            var p = e.product();
            return new market.registry.event.DataShareDescribed(e.dataId(), e.provider(),
                    new market.registry.event.DescribedProduct(p.productId(), p.productName(), p.providerName(),
                            p.description(), p.category(), p.policy(), p.watermarkType(), p.fileType(), p.dataName(),
                            p.dataFragments(), p.samples().stream().map(s -> new market.registry.event.DescribedSample(
                                    s.fragmentNo(), s.sampleName(), s.sampleType())).toList(), p.orgId(), p.channelId()),
                    e.at(), e.price());
        }
        if (event instanceof DatasetEvent.DataShareClosed e) {
            return new market.registry.event.DataShareClosed(e.dataId(), e.provider(), e.at());
        }
        if (event instanceof ProviderKeysEvent.AbeMasterKeyCreated e) {
            return new market.registry.event.AbeMasterKeyCreated(e.provider(), AvroBytes.wrap(e.sealed().sealed()),
                    e.sealed().custodyKeyId(), e.masterId(), e.at());
        }
        if (event instanceof ProviderKeysEvent.AbeKeyApplied e) {
            return new market.registry.event.AbeKeyApplied(e.provider(), e.buyer(), e.orderSeq(), e.attributes(),
                    e.buyerKey(), e.reason(), e.at(), e.maxPrice());
        }
        if (event instanceof ProviderKeysEvent.AbeKeyIssued e) {
            return new market.registry.event.AbeKeyIssued(e.provider(), e.buyer(), e.orderSeq(), e.attributes(),
                    AvroBytes.wrap(e.sealedUserKey()), e.masterId(), e.at());
        }
        if (event instanceof ProviderKeysEvent.AbeKeyPriced e) {
            return new market.registry.event.AbeKeyPriced(e.provider(), e.buyer(), e.orderSeq(), e.attributes(),
                    e.masterId(), e.price(), e.paymentId(), e.at());
        }
        if (event instanceof ProviderKeysEvent.AbeKeyPaymentFailed e) {
            return new market.registry.event.AbeKeyPaymentFailed(e.provider(), e.buyer(), e.orderSeq(), e.reason(),
                    e.at());
        }
        if (event instanceof ProviderKeysEvent.AbeKeyRefused e) {
            return new market.registry.event.AbeKeyRefused(e.provider(), e.buyer(), e.orderSeq(), e.reason(), e.at());
        }
        if (event instanceof ProviderKeysEvent.WatermarkKeyCreated e) {
            return new market.registry.event.WatermarkKeyCreated(e.provider(), AvroBytes.wrap(e.sealed().sealed()),
                    e.sealed().custodyKeyId(), e.at());
        }
        throw new IllegalArgumentException("not a registry event: " + event.getClass().getName());
    }

    @Override
    public Object toDomain(SpecificRecord event) {
        if (event instanceof DataTypeAdded e) {
            return new DataTypeEvent.DataTypeAdded(e.getDatatypeId(), e.getDatatypeName(), e.getDefiner(),
                    e.getDetailFieldsNum(), e.getDetailFields(), e.getTimestamp());
        }
        if (event instanceof DataRegistrationStarted e) {
            return new DatasetEvent.DataRegistrationStarted(e.getDataId(), e.getDatatypeName(), e.getProvider(),
                    e.getPrice(), e.getDetailFields(), e.getPeriod(), e.getDataHashOriginal(), e.getSize(),
                    e.getFragments().stream().map(f -> new FragmentPlan(f.getFragmentNo(), f.getSize(),
                            f.getHashOriginal(), f.getIdfsClusterId())).toList(),
                    new StorageFee(e.getDayStorageFee(), e.getDaySingleIDFSfee(), e.getTotalStorageFee()),
                    e.getTimestamp());
        }
        if (event instanceof DataRegistrationCompleted e) {
            return new DatasetEvent.DataRegistrationCompleted(e.getDataId(), e.getProvider(), e.getFragments().stream()
                    .map(f -> new FragmentStorage(f.getFragmentNo(), f.getCid(), f.getHashEncrypted(),
                            new WrappedKey(AvroBytes.of(f.getWrappedKey()), f.getCustodyKeyId()))).toList(),
                    e.getTimestamp(), e.getStorageFee(), e.getFeePending());
        }
        if (event instanceof DataPutOnSale e) {
            return new DatasetEvent.DataPutOnSale(e.getDataId(), e.getProvider(), e.getStorageFee(), e.getPeriod(),
                    e.getDaySingleIDFSfee(), e.getTimestamp());
        }
        if (event instanceof DataStorageEnded e) {
            return new DatasetEvent.DataStorageEnded(e.getDataId(), e.getProvider(), e.getTimestamp());
        }
        if (event instanceof DataRegistrationFailed e) {
            return new DatasetEvent.DataRegistrationFailed(e.getDataId(), e.getProvider(), e.getReason(),
                    e.getTimestamp());
        }
        if (event instanceof KeysReleased e) {
            return new DatasetEvent.KeysReleased(e.getDataId(), e.getDealId(), e.getBuyer(), e.getBuyerKey(),
                    e.getKeys().stream().map(k -> new market.registry.dataset.domain.ReleasedKey(k.getFragmentNo(),
                            AvroBytes.of(k.getWrappedKey()))).toList(), e.getTimestamp());
        }
        if (event instanceof DataRemoved e) {
            return new DatasetEvent.DataRemoved(e.getDataId(), e.getRemovedBy(), e.getTimestamp());
        }
        if (event instanceof PlacementRecorded e) {
            java.util.Map<Long, Long> clusters = new java.util.HashMap<>();
            e.getPlacements().forEach(p -> clusters.put(p.getFragmentNo(), p.getIdfsClusterId()));
            return new DatasetEvent.PlacementRecorded(e.getDataId(), clusters, e.getTimestamp());
        }
        if (event instanceof FragmentStorageConfirmed e) {
            return new DatasetEvent.FragmentStorageConfirmed(e.getDataId(), e.getFragmentNo(), e.getCid(),
                    e.getReplicas(), e.getTimestamp());
        }
        if (event instanceof market.registry.event.DataShareDescribed e) {
            var p = e.getProduct();
            return new DatasetEvent.DataShareDescribed(e.getDataId(), e.getProvider(), new DataShareProduct(
                    p.getProductId(), p.getProductName(), p.getProviderName(), p.getDescription(), p.getCategory(),
                    p.getPolicy(), p.getWatermarkType(), p.getFileType(), p.getDataName(), p.getDataFragments(),
                    p.getSamples().stream().map(s -> new DataShareProduct.Sample(s.getFragmentNo(), s.getSampleName(),
                            s.getSampleType())).toList(), p.getOrgId(), p.getChannelId()), e.getPrice(), e.getTimestamp());
        }
        if (event instanceof market.registry.event.DataShareStaged e) {
            return new DatasetEvent.DataShareStaged(e.getDataId(), e.getProvider(), new StagedStorage(e.getUploader(),
                    e.getFragments().stream().map(f -> new StagedStorage.StagedFragment(f.getFragmentNo(), f.getCid(),
                            f.getHashEncrypted(), f.getSizeEncrypted(), new WrappedKey(AvroBytes.of(f.getWrappedKey()),
                                    f.getCustodyKeyId()))).toList()), e.getTimestamp());
        }
        if (event instanceof market.registry.event.StagedFragmentsDeclared e) {
            return new DatasetEvent.StagedFragmentsDeclared(e.getDataId(), e.getProvider(), e.getUploader(),
                    e.getFragments().stream().map(f -> new StagedStorage.Declaration(f.getFragmentNo(), f.getCid(),
                            f.getSizeEncrypted())).toList(), e.getTimestamp());
        }
        if (event instanceof market.registry.event.DataShareClosed e) {
            return new DatasetEvent.DataShareClosed(e.getDataId(), e.getProvider(), e.getTimestamp());
        }
        if (event instanceof market.registry.event.AbeMasterKeyCreated e) {
            return new ProviderKeysEvent.AbeMasterKeyCreated(e.getProvider(),
                    new WrappedKey(AvroBytes.of(e.getSealedMasterKey()), e.getCustodyKeyId()), e.getMasterId(),
                    e.getTimestamp());
        }
        if (event instanceof market.registry.event.AbeKeyApplied e) {
            return new ProviderKeysEvent.AbeKeyApplied(e.getProvider(), e.getBuyer(), e.getOrderSeq(), e.getAttributes(),
                    e.getBuyerKey(), e.getReason(), e.getMaxPrice(), e.getTimestamp());
        }
        if (event instanceof market.registry.event.AbeKeyIssued e) {
            return new ProviderKeysEvent.AbeKeyIssued(e.getProvider(), e.getBuyer(), e.getOrderSeq(), e.getAttributes(),
                    AvroBytes.of(e.getSealedUserKey()), e.getMasterId(), e.getTimestamp());
        }
        if (event instanceof market.registry.event.AbeKeyPriced e) {
            return new ProviderKeysEvent.AbeKeyPriced(e.getProvider(), e.getBuyer(), e.getOrderSeq(), e.getAttributes(),
                    e.getMasterId(), e.getPrice(), e.getPaymentId(), e.getTimestamp());
        }
        if (event instanceof market.registry.event.AbeKeyPaymentFailed e) {
            return new ProviderKeysEvent.AbeKeyPaymentFailed(e.getProvider(), e.getBuyer(), e.getOrderSeq(),
                    e.getReason(), e.getTimestamp());
        }
        if (event instanceof market.registry.event.AbeKeyRefused e) {
            return new ProviderKeysEvent.AbeKeyRefused(e.getProvider(), e.getBuyer(), e.getOrderSeq(), e.getReason(),
                    e.getTimestamp());
        }
        if (event instanceof market.registry.event.WatermarkKeyCreated e) {
            return new ProviderKeysEvent.WatermarkKeyCreated(e.getProvider(),
                    new WrappedKey(AvroBytes.of(e.getSealedWatermarkKey()), e.getCustodyKeyId()), e.getTimestamp());
        }
        throw new IllegalArgumentException("not a registry event: " + event.getSchema().getFullName());
    }
}
