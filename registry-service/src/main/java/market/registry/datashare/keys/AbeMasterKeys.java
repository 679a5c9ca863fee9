package market.registry.datashare.keys;

import java.time.Clock;
import java.util.Arrays;
import market.platform.crypto.Hashes;
import market.platform.crypto.abe.AbeMasterKey;
import market.platform.crypto.abe.CpAbe;
import market.registry.command.SetUpAbe;
import market.registry.custody.KeyCustody;
import market.registry.dataset.domain.WrappedKey;
import market.registry.wire.RegistryCommands;
import org.springframework.stereotype.Component;

/**
 * Makes a provider's CP-ABE master key where a request enters, and seals it with the custody key
 * at once: the {@code SetUpAbe} it returns, and every record after it, holds only the sealed
 * form and the key's id.
 */
@Component
public class AbeMasterKeys {

    private final KeyCustody custody;
    private final Clock clock;

    public AbeMasterKeys(KeyCustody custody, Clock clock) {
        this.custody = custody;
        this.clock = clock;
    }

    public SetUpAbe setUp(String provider, String nonce) {
        AbeMasterKey master = CpAbe.setup();
        byte[] secret = master.encode();
        WrappedKey sealed;
        try {
            sealed = custody.sealSecret(RegistryCommands.MASTER_KEY_PURPOSE, provider, secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        return new SetUpAbe(provider, nonce, clock.instant(), java.nio.ByteBuffer.wrap(sealed.sealed()),
                sealed.custodyKeyId(), Hashes.toHex0x(master.id()));
    }
}
