package market.registry.wire;

import java.time.Duration;
import market.platform.runtime.ReferenceData;
import market.platform.runtime.ServiceModel;
import market.registry.RegistryAggregates;
import market.registry.dataset.domain.DatasetCommand;
import market.registry.dataset.domain.FragmentPlan;
import market.registry.dataset.domain.FragmentStorage;
import market.registry.dataset.domain.WrappedKey;
import market.registry.datatype.domain.DataTypeCommand;
import market.registry.datatype.domain.DataTypeState;
import market.registry.command.AddDataBegin;
import market.registry.command.AddDataEnd;
import market.registry.command.AddDataType;
import market.registry.command.RemoveData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns the registry's Avro commands into domain commands. For adddatabegin it resolves the
 * data type from the view of all partitions, catching the view up before concluding that the
 * type does not exist.
 */
public final class RegistryCommands implements ServiceModel.CommandTranslator {

    private static final Duration CATCH_UP = Duration.ofSeconds(5);

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
                            new WrappedKey(Bytes.of(f.getWrappedKey()), f.getCustodyKeyId()))).toList(),
                    c.getIssuedAt());
        }
        if (command instanceof RemoveData c) {
            return new DatasetCommand.RemoveData(c.getActor(), c.getDataId(), c.getIssuedAt());
        }
        throw new IllegalArgumentException("not a registry command: " + command.getSchema().getFullName());
    }

    private static DatasetCommand.DataTypeRef datatype(String name, ReferenceData references) {
        DataTypeState state = (DataTypeState) references.states().state(RegistryAggregates.DATATYPE, name);
        if (!state.exists()) {
            references.catchUp(CATCH_UP);
            state = (DataTypeState) references.states().state(RegistryAggregates.DATATYPE, name);
        }
        return state.exists()
                ? new DatasetCommand.DataTypeRef(name, state.definition().detailFieldsNum())
                : null;
    }
}
