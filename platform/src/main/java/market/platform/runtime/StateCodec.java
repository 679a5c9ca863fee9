package market.platform.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import market.schemas.AvroBytes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.pcollections.HashTreePMap;
import org.pcollections.HashTreePSet;
import org.pcollections.PMap;
import org.pcollections.PSet;

/**
 * Avro for one aggregate's state, for snapshots: the schema is derived from the state's record
 * class, component by component, so the {@link #fingerprint()} changes whenever the state's shape
 * does, and a snapshot written by another shape is never read (its partition is replayed
 * instead). Records become Avro records; strings, numbers and booleans their Avro types; enums
 * Avro enums; {@link Instant} a record of seconds and nanos; lists and sets arrays; maps arrays of
 * key-value records, in their iteration order. References may be null. Decoding builds each
 * record through its canonical constructor, with the collection its component declares: a
 * {@link TreeMap} for a {@link SortedMap}, a persistent map for a {@link PMap}, a map type's own
 * static {@code of(Map)} where it has one; plain maps, lists and sets come back unmodifiable. A
 * component of any other type fails at derivation. Two things a snapshot does not keep, which
 * states must therefore not rely on: a sorted collection's comparator (natural order is
 * restored), and the iteration order of a persistent hash map or set (they are for lookups).
 */
public final class StateCodec {

    private final Class<?> type;
    private final Node root;
    private final Schema schema;
    private final long fingerprint;

    /** A reader or writer resolves the schema when made, which costs far more than one state: one of each a thread. */
    private final ThreadLocal<GenericDatumReader<Object>> readers;
    private final ThreadLocal<GenericDatumWriter<Object>> writers;

    private StateCodec(Class<?> type) {
        this.type = type;
        this.root = new Derivation().node(type);
        this.schema = root.schema();
        this.fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        this.readers = ThreadLocal.withInitial(() -> new GenericDatumReader<>(schema));
        this.writers = ThreadLocal.withInitial(() -> new GenericDatumWriter<>(schema));
    }

    /** The codec of a state record class; throws {@link IllegalArgumentException} for a type it cannot carry. */
    public static StateCodec of(Class<?> stateType) {
        if (!stateType.isRecord()) {
            throw new IllegalArgumentException(stateType.getName() + " is not a record");
        }
        return new StateCodec(stateType);
    }

    public Schema schema() {
        return schema;
    }

    public long fingerprint() {
        return fingerprint;
    }

    public byte[] encode(Object state) {
        if (!type.isInstance(state)) {
            throw new IllegalArgumentException("not a " + type.getName() + ": " + state);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            writers.get().write(root.toAvro(state), encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** The state {@code bytes} hold; throws {@link IllegalArgumentException} when they do not hold one. */
    public Object decode(byte[] bytes) {
        try {
            org.apache.avro.io.BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
            Object avro = readers.get().read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IllegalArgumentException("bytes follow the state");
            }
            return root.fromAvro(avro);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + " state: " + e, e);
        }
    }

    /** One value's schema and its conversion to and from the Avro generic form. */
    private interface Node {
        Schema schema();

        Object toAvro(Object value);

        Object fromAvro(Object avro);
    }

    private record Simple(Schema schema, java.util.function.Function<Object, Object> to,
            java.util.function.Function<Object, Object> from) implements Node {
        @Override
        public Object toAvro(Object value) {
            return to.apply(value);
        }

        @Override
        public Object fromAvro(Object avro) {
            return from.apply(avro);
        }
    }

    private record Nullable(Node inner, Schema schema) implements Node {
        Nullable(Node inner) {
            this(inner, Schema.createUnion(Schema.create(Schema.Type.NULL), inner.schema()));
        }

        @Override
        public Object toAvro(Object value) {
            return value == null ? null : inner.toAvro(value);
        }

        @Override
        public Object fromAvro(Object avro) {
            return avro == null ? null : inner.fromAvro(avro);
        }
    }

    /** Components that are never null, and the Avro type each is written as. */
    private static final Map<Class<?>, Schema.Type> PRIMITIVES = Map.of(long.class, Schema.Type.LONG,
            int.class, Schema.Type.INT, boolean.class, Schema.Type.BOOLEAN, double.class, Schema.Type.DOUBLE);

    /** Boxed numbers and booleans, which may be null. */
    private static final Map<Class<?>, Schema.Type> BOXED = Map.of(Long.class, Schema.Type.LONG,
            Integer.class, Schema.Type.INT, Boolean.class, Schema.Type.BOOLEAN);

    /** Builds the nodes of one state type, defining each named schema once. */
    private static final class Derivation {
        private final Map<Class<?>, Node> named = new HashMap<>();
        private int entries;

        Node node(Type declared) {
            Class<?> raw = raw(declared);
            Schema.Type primitive = PRIMITIVES.get(raw);
            if (primitive != null) {
                return new Simple(Schema.create(primitive), v -> v, a -> a);
            }
            return new Nullable(reference(declared, raw));
        }

        private Node reference(Type declared, Class<?> raw) {
            Schema.Type boxed = BOXED.get(raw);
            if (boxed != null) {
                return new Simple(Schema.create(boxed), v -> v, a -> a);
            }
            if (raw == String.class) {
                // shared as the codec shares a decoded event's: a restored state holds one copy of each address
                return new Simple(Schema.create(Schema.Type.STRING), v -> v,
                        a -> market.schemas.SharedStrings.of(a.toString()));
            }
            if (raw == BigInteger.class) {
                return new Simple(Schema.create(Schema.Type.STRING), Object::toString,
                        a -> new BigInteger(a.toString()));
            }
            if (raw == byte[].class) {
                return new Simple(Schema.create(Schema.Type.BYTES), v -> ByteBuffer.wrap((byte[]) v),
                        a -> AvroBytes.of((ByteBuffer) a));
            }
            if (raw == Instant.class) {
                return instant();
            }
            if (raw.isEnum()) {
                return enumeration(raw);
            }
            if (raw.isRecord()) {
                return record(raw);
            }
            if (Map.class.isAssignableFrom(raw)) {
                return map(declared, raw);
            }
            if (Collection.class.isAssignableFrom(raw)) {
                return collection(declared, raw);
            }
            throw new IllegalArgumentException("a snapshot cannot carry " + declared.getTypeName());
        }

        private Node instant() {
            Node known = named.get(Instant.class);
            if (known != null) {
                return known;
            }
            Schema schema = Schema.createRecord("Instant", null, "market.snapshot.state", false, List.of(
                    new Schema.Field("seconds", Schema.create(Schema.Type.LONG)),
                    new Schema.Field("nanos", Schema.create(Schema.Type.INT))));
            Node node = new Simple(schema, v -> {
                GenericRecord r = new GenericData.Record(schema);
                r.put("seconds", ((Instant) v).getEpochSecond());
                r.put("nanos", ((Instant) v).getNano());
                return r;
            }, a -> Instant.ofEpochSecond((Long) ((GenericRecord) a).get("seconds"),
                    (Integer) ((GenericRecord) a).get("nanos")));
            named.put(Instant.class, node);
            return node;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private Node enumeration(Class<?> raw) {
            Node known = named.get(raw);
            if (known != null) {
                return known;
            }
            List<String> symbols = new ArrayList<>();
            for (Object constant : raw.getEnumConstants()) {
                symbols.add(((Enum<?>) constant).name());
            }
            Schema schema = Schema.createEnum(name(raw), null, namespace(raw), symbols);
            Node node = new Simple(schema, v -> new GenericData.EnumSymbol(schema, ((Enum<?>) v).name()),
                    a -> Enum.valueOf((Class) raw, a.toString()));
            named.put(raw, node);
            return node;
        }

        private Node record(Class<?> raw) {
            Node known = named.get(raw);
            if (known != null) {
                return known;
            }
            Schema schema = Schema.createRecord(name(raw), null, namespace(raw), false);
            RecordNode node = new RecordNode(raw, schema);
            // defined before its components, so a component of the same type refers to it by name
            named.put(raw, node);
            List<Schema.Field> fields = new ArrayList<>();
            for (RecordComponent component : raw.getRecordComponents()) {
                Node child = node(component.getGenericType());
                node.components.add(child);
                node.accessors.add(component.getAccessor());
                fields.add(new Schema.Field(component.getName(), child.schema()));
            }
            schema.setFields(fields);
            return node;
        }

        private Node map(Type declared, Class<?> raw) {
            Type[] arguments = mapArguments(declared, raw);
            Node key = node(arguments[0]);
            Node value = node(arguments[1]);
            Schema entry = Schema.createRecord("Entry" + entries++, null, "market.snapshot.state", false, List.of(
                    new Schema.Field("key", key.schema()), new Schema.Field("value", value.schema())));
            Schema schema = Schema.createArray(entry);
            java.util.function.Function<Map<Object, Object>, Object> build = mapBuilder(raw);
            return new Simple(schema, v -> {
                List<GenericRecord> out = new ArrayList<>();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    GenericRecord r = new GenericData.Record(entry);
                    r.put("key", key.toAvro(e.getKey()));
                    r.put("value", value.toAvro(e.getValue()));
                    out.add(r);
                }
                return out;
            }, a -> {
                Map<Object, Object> read = new LinkedHashMap<>();
                for (Object item : (Collection<?>) a) {
                    GenericRecord r = (GenericRecord) item;
                    read.put(key.fromAvro(r.get("key")), value.fromAvro(r.get("value")));
                }
                return build.apply(read);
            });
        }

        private Node collection(Type declared, Class<?> raw) {
            if (!(declared instanceof ParameterizedType parameterized)) {
                throw new IllegalArgumentException("a snapshot needs the element type of " + declared.getTypeName());
            }
            Node element = node(parameterized.getActualTypeArguments()[0]);
            java.util.function.Function<List<Object>, Object> build = collectionBuilder(raw);
            return new Simple(Schema.createArray(element.schema()), v -> {
                List<Object> out = new ArrayList<>();
                for (Object item : (Collection<?>) v) {
                    out.add(element.toAvro(item));
                }
                return out;
            }, a -> {
                List<Object> read = new ArrayList<>();
                for (Object item : (Collection<?>) a) {
                    read.add(element.fromAvro(item));
                }
                return build.apply(read);
            });
        }
    }

    /** A record built through its canonical constructor from its components in order. */
    private static final class RecordNode implements Node {
        private final Schema schema;
        private final Constructor<?> constructor;
        private final List<Node> components = new ArrayList<>();
        private final List<Method> accessors = new ArrayList<>();

        RecordNode(Class<?> raw, Schema schema) {
            this.schema = schema;
            Class<?>[] types = java.util.Arrays.stream(raw.getRecordComponents()).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            try {
                this.constructor = raw.getDeclaredConstructor(types);
                constructor.setAccessible(true);
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException(raw.getName() + " has no canonical constructor", e);
            }
            for (RecordComponent component : raw.getRecordComponents()) {
                component.getAccessor().setAccessible(true);
            }
        }

        @Override
        public Schema schema() {
            return schema;
        }

        @Override
        public Object toAvro(Object value) {
            GenericRecord out = new GenericData.Record(schema);
            try {
                for (int i = 0; i < components.size(); i++) {
                    out.put(i, components.get(i).toAvro(accessors.get(i).invoke(value)));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            return out;
        }

        @Override
        public Object fromAvro(Object avro) {
            GenericRecord in = (GenericRecord) avro;
            Object[] arguments = new Object[components.size()];
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = components.get(i).fromAvro(in.get(i));
            }
            try {
                return constructor.newInstance(arguments);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("cannot build " + schema.getName() + ": " + e.getCause(), e);
            }
        }
    }

    private static Type[] mapArguments(Type declared, Class<?> raw) {
        if (declared instanceof ParameterizedType parameterized) {
            return parameterized.getActualTypeArguments();
        }
        // a map type of its own, such as a book of orders: its Map supertype names the arguments
        if (raw.getGenericSuperclass() instanceof ParameterizedType parameterized
                && Map.class.isAssignableFrom(raw(parameterized))) {
            return parameterized.getActualTypeArguments();
        }
        throw new IllegalArgumentException("a snapshot needs the key and value types of " + declared.getTypeName());
    }

    private static java.util.function.Function<Map<Object, Object>, Object> mapBuilder(Class<?> raw) {
        if (raw == Map.class) {
            return java.util.Collections::unmodifiableMap;
        }
        if (raw == SortedMap.class || raw == TreeMap.class) {
            return TreeMap::new;
        }
        if (PMap.class.isAssignableFrom(raw)) {
            return HashTreePMap::from;
        }
        try {
            Method of = raw.getMethod("of", Map.class);
            if (Modifier.isStatic(of.getModifiers()) && raw.isAssignableFrom(of.getReturnType())) {
                return read -> invoke(of, read);
            }
        } catch (NoSuchMethodException e) {
            // no factory of its own
        }
        throw new IllegalArgumentException("a snapshot cannot build a " + raw.getName());
    }

    private static java.util.function.Function<List<Object>, Object> collectionBuilder(Class<?> raw) {
        if (raw == List.class || raw == Collection.class) {
            return java.util.Collections::unmodifiableList;
        }
        if (raw == Set.class) {
            return read -> java.util.Collections.unmodifiableSet(new LinkedHashSet<>(read));
        }
        if (raw == SortedSet.class || raw == TreeSet.class) {
            return TreeSet::new;
        }
        if (PSet.class.isAssignableFrom(raw)) {
            return HashTreePSet::from;
        }
        throw new IllegalArgumentException("a snapshot cannot build a " + raw.getName());
    }

    private static Object invoke(Method factory, Map<Object, Object> read) {
        try {
            return factory.invoke(null, read);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot build " + factory.getDeclaringClass().getName(), e);
        }
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalArgumentException("a snapshot cannot carry " + type.getTypeName());
    }

    private static String name(Class<?> type) {
        return type.getSimpleName();
    }

    /** The class's package and enclosing classes, so nested records of the same simple name stay apart. */
    private static String namespace(Class<?> type) {
        StringBuilder namespace = new StringBuilder("market.snapshot.state.").append(type.getPackageName());
        List<String> enclosing = new ArrayList<>();
        for (Class<?> outer = type.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            enclosing.add(0, outer.getSimpleName());
        }
        enclosing.forEach(name -> namespace.append('.').append(name));
        return namespace.toString();
    }
}
