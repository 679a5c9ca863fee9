package market.platform.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.HexFormat;
import market.platform.crypto.Addresses;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ethereum keystore v3 against an independent implementation. The vectors in
 * {@code signing/keystore-vectors.json} were made with ethers.js 6.17.0 from npm, run with Node 20:
 * {@code Wallet.encryptSync(password)} with ethers' default scrypt cost and random salt, IV and id
 * ({@code ethersDefault}); {@code encryptKeystoreJsonSync({address, privateKey}, password, options)}
 * with the salt, IV, uuid and scrypt cost in {@code options} ({@code fixedParameters}); and the Web3
 * Secret Storage Definition's PBKDF2 test vector, which ethers' {@code decryptKeystoreJsonSync}
 * opened to the private key recorded beside it ({@code specPbkdf2}).
 */
class KeystoreTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode vectors() throws Exception {
        try (InputStream in = KeystoreTest.class.getResourceAsStream("/signing/keystore-vectors.json")) {
            return JSON.readTree(in);
        }
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.startsWith("0x") ? text.substring(2) : text);
    }

    @Test
    void opensKeystoresThatEthersWroteAndTheSpecsPbkdf2Vector() throws Exception {
        for (String name : new String[] {"ethersDefault", "fixedParameters", "specPbkdf2"}) {
            JsonNode vector = vectors().get(name);
            Wallet wallet = Keystore.decrypt(JSON.writeValueAsString(vector.get("keystore")),
                    vector.get("password").stringValue().toCharArray());
            assertThat(wallet.address()).as(name).isEqualTo(Addresses.normalize(vector.get("address").stringValue()));
            assertThat(HexFormat.of().formatHex(wallet.privateKeyBytes())).as(name)
                    .isEqualTo(vector.get("privateKey").stringValue().substring(2));
        }
    }

    @Test
    void writesWhatEthersWritesForTheSameKeyPassphraseAndParameters() throws Exception {
        JsonNode vector = vectors().get("fixedParameters");
        JsonNode options = vector.get("options");
        Wallet wallet = Wallet.fromPrivateKey(vector.get("privateKey").stringValue().substring(2));
        String written = Keystore.encrypt(wallet, vector.get("password").stringValue().toCharArray(),
                new Keystore.ScryptParams(options.get("scrypt").get("N").intValue(),
                        options.get("scrypt").get("r").intValue(), options.get("scrypt").get("p").intValue()),
                hex(options.get("salt").stringValue()), hex(options.get("iv").stringValue()),
                hex(options.get("uuid").stringValue()));
        JsonNode mine = JSON.readTree(written);
        JsonNode theirs = vector.get("keystore");
        // ethers names the section "Crypto", geth and this class "crypto": the contents are equal
        assertThat(mine.get("crypto")).isEqualTo(theirs.get("Crypto"));
        assertThat(mine.get("address")).isEqualTo(theirs.get("address"));
        assertThat(mine.get("id")).isEqualTo(theirs.get("id"));
        assertThat(mine.get("version").intValue()).isEqualTo(3);
    }

    @Test
    void aRoundTripOpensToTheSameAccountAndAWrongPassphraseOrAChangedFileFails() throws Exception {
        Wallet wallet = Wallet.create();
        String json = Keystore.encrypt(wallet, "über passphrase".toCharArray(), Keystore.LIGHT);
        assertThat(json).doesNotContain(HexFormat.of().formatHex(wallet.privateKeyBytes()));
        assertThat(Keystore.decrypt(json, "über passphrase".toCharArray()).address()).isEqualTo(wallet.address());

        assertThatThrownBy(() -> Keystore.decrypt(json, "uber passphrase".toCharArray()))
                .isInstanceOf(Keystore.KeystoreException.class).hasMessageContaining("wrong passphrase");
        ObjectNode changed = (ObjectNode) JSON.readTree(json);
        String ciphertext = changed.get("crypto").get("ciphertext").stringValue();
        ((ObjectNode) changed.get("crypto")).put("ciphertext",
                (ciphertext.charAt(0) == '0' ? "1" : "0") + ciphertext.substring(1));
        assertThatThrownBy(() -> Keystore.decrypt(JSON.writeValueAsString(changed), "über passphrase".toCharArray()))
                .isInstanceOf(Keystore.KeystoreException.class).hasMessageContaining("MAC does not match");
    }

    @Test
    void refusesWhatIsNotAKeystoreItCanOpen() throws Exception {
        Wallet wallet = Wallet.create();
        ObjectNode json = (ObjectNode) JSON.readTree(Keystore.encrypt(wallet, "p".toCharArray(), Keystore.LIGHT));
        char[] p = "p".toCharArray();
        assertThatThrownBy(() -> Keystore.decrypt("not json", p)).hasMessageContaining("not JSON");
        ObjectNode v2 = json.deepCopy().put("version", 2);
        assertThatThrownBy(() -> Keystore.decrypt(JSON.writeValueAsString(v2), p)).hasMessageContaining("version 3");
        ObjectNode cipher = json.deepCopy();
        ((ObjectNode) cipher.get("crypto")).put("cipher", "aes-128-cbc");
        assertThatThrownBy(() -> Keystore.decrypt(JSON.writeValueAsString(cipher), p)).hasMessageContaining("cipher");
        ObjectNode huge = json.deepCopy();
        ((ObjectNode) huge.get("crypto").get("kdfparams")).put("n", 1 << 30);
        assertThatThrownBy(() -> Keystore.decrypt(JSON.writeValueAsString(huge), p)).hasMessageContaining("out of range");
        // days of work, or an overflow inside scrypt: refused before any of it is done
        ObjectNode slow = json.deepCopy();
        ((ObjectNode) slow.get("crypto").get("kdfparams")).put("n", 1 << 20).put("p", 1000);
        assertThatThrownBy(() -> Keystore.decrypt(JSON.writeValueAsString(slow), p)).hasMessageContaining("out of range");
        ObjectNode wide = json.deepCopy();
        ((ObjectNode) wide.get("crypto").get("kdfparams")).put("n", 2).put("r", 1 << 22);
        assertThatThrownBy(() -> Keystore.decrypt(JSON.writeValueAsString(wide), p)).hasMessageContaining("out of range");
        ObjectNode narrow = json.deepCopy();
        ((ObjectNode) narrow.get("crypto").get("kdfparams")).put("n", 1 << 17).put("r", 1);
        assertThatThrownBy(() -> Keystore.decrypt(JSON.writeValueAsString(narrow), p))
                .isInstanceOf(Keystore.KeystoreException.class);
        ObjectNode otherAddress = json.deepCopy().put("address", Wallet.create().address().substring(2));
        assertThatThrownBy(() -> Keystore.decrypt(JSON.writeValueAsString(otherAddress), p))
                .hasMessageContaining("address is not that of its key");
        ObjectNode kdf = json.deepCopy();
        ((ObjectNode) kdf.get("crypto")).put("kdf", "argon2");
        assertThatThrownBy(() -> Keystore.decrypt(JSON.writeValueAsString(kdf), p)).hasMessageContaining("argon2");
    }
}
