package market.schemas;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Every schema a topic may carry, indexed by its CRC-64-AVRO fingerprint: the current schema of
 * each generated class, and every released version kept under {@code released/} in this jar.
 * A fingerprint names the writer schema; the current class of the same full name is the reader.
 */
public final class SchemaCatalog {

    private static final String RELEASED_INDEX = "/released/index.txt";

    static {
        trustGeneratedClasses();
    }

    /** A writer schema and the class that reads it today. */
    public record Entry(Schema writer, Class<? extends SpecificRecord> readerClass) {}

    private final Map<Long, Entry> byFingerprint = new HashMap<>();
    private final Map<Class<? extends SpecificRecord>, Long> currentFingerprints = new HashMap<>();

    SchemaCatalog(List<Class<? extends SpecificRecord>> currentClasses, List<Schema> releasedSchemas) {
        Map<String, Class<? extends SpecificRecord>> byName = new HashMap<>();
        for (Class<? extends SpecificRecord> type : currentClasses) {
            Schema schema = SpecificData.get().getSchema(type);
            long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
            byFingerprint.put(fingerprint, new Entry(schema, type));
            currentFingerprints.put(type, fingerprint);
            byName.put(schema.getFullName(), type);
        }
        for (Schema released : releasedSchemas) {
            Class<? extends SpecificRecord> reader = byName.get(released.getFullName());
            if (reader == null) {
                throw new IllegalStateException("released schema " + released.getFullName() + " has no current class");
            }
            byFingerprint.putIfAbsent(SchemaNormalization.parsingFingerprint64(released), new Entry(released, reader));
        }
    }

    /** The catalog of every record type in {@link Topics} and every released schema version. */
    public static SchemaCatalog standard() {
        return new SchemaCatalog(Topics.allValueTypes(), releasedSchemas());
    }

    public Optional<Entry> find(long fingerprint) {
        return Optional.ofNullable(byFingerprint.get(fingerprint));
    }

    public long fingerprintOf(Class<? extends SpecificRecord> type) {
        Long fingerprint = currentFingerprints.get(type);
        if (fingerprint == null) {
            throw new IllegalArgumentException(type.getName() + " is not a record type of any topic");
        }
        return fingerprint;
    }

    /**
     * Avro 1.12 refuses to instantiate classes named by a schema unless they are trusted; the
     * generated classes of this module live under {@code market.}.
     */
    public static synchronized void trustGeneratedClasses() {
        ClassSecurityValidator.ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        if (current instanceof MarketClasses) {
            return;
        }
        ClassSecurityValidator.setGlobal(new MarketClasses(current));
    }

    private record MarketClasses(ClassSecurityValidator.ClassSecurityPredicate others)
            implements ClassSecurityValidator.ClassSecurityPredicate {
        @Override
        public boolean isTrusted(Class<?> type) {
            return type.getName().startsWith("market.") || others.isTrusted(type);
        }
    }

    /** Each released schema, parsed from the resources listed in {@code released/index.txt}. */
    public static List<Schema> releasedSchemas() {
        return releasedPaths().stream().map(SchemaCatalog::parseResource).toList();
    }

    public static List<String> releasedPaths() {
        try (InputStream in = SchemaCatalog.class.getResourceAsStream(RELEASED_INDEX)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RELEASED_INDEX);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::trim).filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema parseResource(String path) {
        try (InputStream in = SchemaCatalog.class.getResourceAsStream("/released/" + path)) {
            if (in == null) {
                throw new IllegalStateException("released schema listed but missing: " + path);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
