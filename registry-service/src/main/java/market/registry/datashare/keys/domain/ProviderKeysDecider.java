package market.registry.datashare.keys.domain;

import market.platform.domain.Decider;
import market.platform.crypto.Hashes;
import market.platform.domain.Decision;
import market.platform.domain.Rejection;
import market.registry.datashare.keys.domain.ProviderKeysCommand.SetUpAbe;
import market.registry.datashare.keys.domain.ProviderKeysCommand.SetUpWatermark;
import market.registry.datashare.keys.domain.ProviderKeysEvent.AbeMasterKeyCreated;
import market.registry.datashare.keys.domain.ProviderKeysEvent.WatermarkKeyCreated;

/**
 * Rules of a provider's custody keys: each is made once, on first use, and then kept; asking
 * again changes nothing (the key first kept is the key), so a retried or repeated abe-setup is
 * answered with the existing master key's id. No command exports a key.
 */
public final class ProviderKeysDecider implements Decider<ProviderKeysCommand, ProviderKeysEvent, ProviderKeysState> {

    @Override
    public ProviderKeysState initialState() {
        return ProviderKeysState.NONE;
    }

    @Override
    public Decision<ProviderKeysEvent> decide(ProviderKeysCommand command, ProviderKeysState state) {
        if (command instanceof SetUpAbe c) {
            if (state.hasAbe()) {
                return Decision.accept();
            }
            if (!c.masterId().startsWith("0x") || !Hashes.isSha256Hex(c.masterId().substring(2))) {
                return Decision.reject(Rejection.invalid("REGISTRY.INVALID_MASTER_ID",
                        "master_id must be 0x and 64 hex digits"));
            }
            return Decision.accept(new AbeMasterKeyCreated(c.provider(), c.sealed(), c.masterId(), c.at()));
        }
        SetUpWatermark c = (SetUpWatermark) command;
        return state.hasWatermark() ? Decision.accept()
                : Decision.accept(new WatermarkKeyCreated(c.provider(), c.sealed(), c.at()));
    }

    @Override
    public ProviderKeysState evolve(ProviderKeysState state, ProviderKeysEvent event) {
        if (event instanceof AbeMasterKeyCreated e) {
            return new ProviderKeysState(e.provider(), e.sealed(), e.masterId(), e.at(), state.watermarkKey());
        }
        WatermarkKeyCreated e = (WatermarkKeyCreated) event;
        return new ProviderKeysState(e.provider(), state.abeMasterKey(), state.masterId(), state.abeSince(), e.sealed());
    }
}
