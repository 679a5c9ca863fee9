package market.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Map;
import market.platform.crypto.Eip712.Field;
import market.platform.crypto.Eip712.Types;
import market.platform.signing.Wallet;
import org.junit.jupiter.api.Test;

/** The example of the EIP-712 specification ("Ether Mail"), with its published hashes and signature. */
class Eip712Test {

    private static final Types MAIL_TYPES = new Types()
            .add("Person", new Field("name", "string"), new Field("wallet", "address"))
            .add("Mail", new Field("from", "Person"), new Field("to", "Person"), new Field("contents", "string"));

    private static final Map<String, Object> MAIL = Map.of(
            "from", Map.of("name", "Cow", "wallet", "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"),
            "to", Map.of("name", "Bob", "wallet", "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"),
            "contents", "Hello, Bob!");

    private static final byte[] DOMAIN = Eip712.domainSeparator("Ether Mail", "1", BigInteger.ONE,
            "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC");

    @Test
    void encodesTypesWithSortedDependencies() {
        assertThat(MAIL_TYPES.encodeType("Mail"))
                .isEqualTo("Mail(Person from,Person to,string contents)Person(string name,address wallet)");
        assertThat(Hashes.toHex0x(MAIL_TYPES.typeHash("Mail")))
                .isEqualTo("0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2");
    }

    @Test
    void hashesTheSpecificationExample() {
        assertThat(Hashes.toHex0x(MAIL_TYPES.hashStruct("Mail", MAIL)))
                .isEqualTo("0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e");
        assertThat(Hashes.toHex0x(DOMAIN))
                .isEqualTo("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f");
        assertThat(Hashes.toHex0x(Eip712.digest(DOMAIN, MAIL_TYPES, "Mail", MAIL)))
                .isEqualTo("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");
    }

    @Test
    void reproducesTheSpecificationSignatureAndRecoversItsSigner() {
        Wallet cow = Wallet.fromPrivateKey(Hashes.toHex0x(Hashes.keccak256(Hashes.utf8("cow"))));
        assertThat(cow.address()).isEqualTo("0xcd2a3d9f938e13cd947ec05abc7fe734df8dd826");
        byte[] digest = Eip712.digest(DOMAIN, MAIL_TYPES, "Mail", MAIL);
        Secp256k1.Signature signature = cow.signHash(digest);
        assertThat(signature.v()).isEqualTo(28);
        assertThat(signature.r()).isEqualTo(new BigInteger(
                "4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d", 16));
        assertThat(signature.s()).isEqualTo(new BigInteger(
                "07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562", 16));
        assertThat(Secp256k1.recoverAddress(digest, signature)).isEqualTo(cow.address());
    }
}
