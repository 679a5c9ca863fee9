package market.platform.crypto;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * EIP-712 typed structured data hashing, as {@code eth_signTypedData_v4} does it, for the
 * struct shapes orders use: fields of type {@code address}, {@code uint256}, {@code bytes32},
 * {@code bool}, {@code string}, {@code bytes} and other structs of the same {@link Types}. The
 * signed digest is {@code keccak256(0x19 0x01 || domainSeparator || hashStruct(message))}.
 */
public final class Eip712 {

    /** One field of a struct type. */
    public record Field(String name, String type) {}

    /** A set of struct types by name, each an ordered list of fields. */
    public static final class Types {
        private final Map<String, List<Field>> structs = new LinkedHashMap<>();

        public Types add(String name, Field... fields) {
            structs.put(name, List.of(fields));
            return this;
        }

        /** {@code Name(type field,…)} followed by each referenced struct type, sorted by name. */
        public String encodeType(String primary) {
            TreeSet<String> dependencies = new TreeSet<>();
            collect(primary, dependencies);
            dependencies.remove(primary);
            StringBuilder out = new StringBuilder(signature(primary));
            dependencies.forEach(name -> out.append(signature(name)));
            return out.toString();
        }

        public byte[] typeHash(String primary) {
            return Hashes.keccak256(Hashes.utf8(encodeType(primary)));
        }

        /** {@code keccak256(typeHash || encodeData(value))}; values are keyed by field name. */
        public byte[] hashStruct(String primary, Map<String, ?> value) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(typeHash(primary));
            for (Field field : fields(primary)) {
                if (!value.containsKey(field.name())) {
                    throw new IllegalArgumentException(primary + "." + field.name() + " is missing");
                }
                out.writeBytes(encodeValue(field.type(), value.get(field.name())));
            }
            return Hashes.keccak256(out.toByteArray());
        }

        private byte[] encodeValue(String type, Object value) {
            if (structs.containsKey(type)) {
                @SuppressWarnings("unchecked")
                Map<String, ?> nested = (Map<String, ?>) value;
                return hashStruct(type, nested);
            }
            return switch (type) {
                case "string" -> Hashes.keccak256(Hashes.utf8((String) value));
                case "bytes" -> Hashes.keccak256((byte[]) value);
                case "address" -> word(new BigInteger(1, Hashes.fromHex(Addresses.normalize((String) value))));
                case "uint256" -> word(uint256(value));
                case "bool" -> word(Boolean.TRUE.equals(value) ? BigInteger.ONE : BigInteger.ZERO);
                case "bytes32" -> bytes32(value);
                default -> throw new IllegalArgumentException("unsupported EIP-712 type " + type);
            };
        }

        private List<Field> fields(String name) {
            List<Field> fields = structs.get(name);
            if (fields == null) {
                throw new IllegalArgumentException("unknown struct type " + name);
            }
            return fields;
        }

        private void collect(String name, TreeSet<String> found) {
            if (!found.add(name)) {
                return;
            }
            for (Field field : fields(name)) {
                if (structs.containsKey(field.type())) {
                    collect(field.type(), found);
                }
            }
        }

        private String signature(String name) {
            List<String> parts = new ArrayList<>();
            fields(name).forEach(field -> parts.add(field.type() + " " + field.name()));
            return name + "(" + String.join(",", parts) + ")";
        }
    }

    public static final Types DOMAIN_TYPES = new Types().add("EIP712Domain",
            new Field("name", "string"), new Field("version", "string"),
            new Field("chainId", "uint256"), new Field("verifyingContract", "address"));

    private Eip712() {}

    /** The separator of {@code EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)}. */
    public static byte[] domainSeparator(String name, String version, BigInteger chainId, String verifyingContract) {
        return DOMAIN_TYPES.hashStruct("EIP712Domain", Map.of("name", name, "version", version,
                "chainId", chainId, "verifyingContract", verifyingContract));
    }

    /** The 32 bytes a wallet signs for {@code message} of type {@code primary}. */
    public static byte[] digest(byte[] domainSeparator, Types types, String primary, Map<String, ?> message) {
        return Hashes.keccak256(new byte[] {0x19, 0x01}, domainSeparator, types.hashStruct(primary, message));
    }

    private static BigInteger uint256(Object value) {
        BigInteger number = value instanceof BigInteger big ? big : BigInteger.valueOf(((Number) value).longValue());
        if (number.signum() < 0 || number.bitLength() > 256) {
            throw new IllegalArgumentException("not a uint256: " + number);
        }
        return number;
    }

    private static byte[] bytes32(Object value) {
        byte[] bytes = value instanceof byte[] raw ? raw : Hashes.fromHex((String) value);
        if (bytes.length != 32) {
            throw new IllegalArgumentException("bytes32 must be 32 bytes");
        }
        return bytes;
    }

    private static byte[] word(BigInteger value) {
        return Secp256k1.fixed32(value);
    }
}
