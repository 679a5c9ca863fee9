package market.registry.datashare.keys;

import java.util.Arrays;
import market.platform.crypto.Ecies;
import market.platform.crypto.Hashes;
import market.platform.crypto.abe.AbeAttributes;
import market.platform.crypto.abe.AbeMasterKey;
import market.platform.crypto.abe.AbeUserKey;
import market.platform.crypto.abe.CpAbe;
import market.platform.crypto.abe.UserKeyDelivery;
import market.registry.custody.KeyCustody;
import market.registry.datashare.keys.domain.ProviderKeysState;
import market.registry.wire.RegistryCommands;
import org.springframework.stereotype.Component;

/**
 * Issues ABE attribute keys: opens the provider's master key from custody, makes the key for the
 * granted attributes, and seals it at once to the buyer's secp256k1 key with ECIES under
 * {@link UserKeyDelivery#context}. Only the sealed key leaves this call; it opens on the buyer's machine.
 */
@Component
public class AbeUserKeys {

    private final KeyCustody custody;

    public AbeUserKeys(KeyCustody custody) {
        this.custody = custody;
    }

    public byte[] issueSealed(ProviderKeysState keys, AbeAttributes attributes, String buyer, String orderSeq,
            String buyerKeyHex) {
        byte[] secret = custody.openSecret(RegistryCommands.MASTER_KEY_PURPOSE, keys.provider(), keys.abeMasterKey());
        AbeMasterKey master;
        try {
            master = AbeMasterKey.decode(secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        AbeUserKey key = CpAbe.keyGen(master, attributes);
        byte[] encoded = key.encode();
        try {
            return Ecies.encrypt(Hashes.fromHex(buyerKeyHex), encoded,
                    UserKeyDelivery.context(keys.provider(), buyer, orderSeq));
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }
}
