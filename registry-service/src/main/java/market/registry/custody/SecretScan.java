package market.registry.custody;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import market.platform.crypto.abe.AbeMasterKey;
import market.platform.runtime.KafkaClients;
import market.registry.dataset.domain.WrappedKey;
import market.registry.datashare.keys.WatermarkKeys;
import market.registry.event.AbeMasterKeyCreated;
import market.registry.event.WatermarkKeyCreated;
import market.registry.wire.RegistryCommands;
import market.schemas.AvroBytes;
import market.schemas.SingleObjectCodec;
import market.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * An operator's check that the secrets the registry keeps sealed are nowhere in plain: it reads
 * every provider's ABE master key and watermark key from {@code registry.events}, opens each
 * with the custody key, and searches every file under a directory (the broker's log segments,
 * the services' logs) for the secret scalars β and α of each master key and for each watermark
 * key: their raw bytes, hex and Base64. As a check that it reads those files at all, it also
 * looks for the sealed form, which the events carry and must be found. Nothing secret is
 * printed. Exit status 0 when nothing leaked, 1 when a secret was found or no sealed form was,
 * 2 on bad arguments. It runs from the registry's jar:
 * {@code java -cp registry-service-exec.jar -Dloader.main=market.registry.custody.SecretScan
 * org.springframework.boot.loader.launch.PropertiesLauncher <registry data dir> <bootstrap servers> <dir to scan>}.
 */
public final class SecretScan {

    static final int CHUNK = 1 << 20;

    record Needle(String what, byte[] bytes) {}

    private SecretScan() {}

    public static void main(String[] args) {
        try {
            scan(args);
        } catch (RuntimeException | IOException e) {
            // the scan could not be made, which is not a leak
            System.err.println("the scan failed: " + e);
            System.exit(2);
        }
    }

    private static void scan(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: SecretScan <registry data dir> <bootstrap servers> <dir to scan>");
            System.exit(2);
        }
        // outside Spring Boot nothing configures logging: keep the Kafka client's chatter off the report
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logging) {
            logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        }
        Path dataDir = Path.of(args[0]);
        if (!Files.isRegularFile(dataDir.resolve("custody.key"))) {
            System.err.println("no custody key in " + dataDir);
            System.exit(2);
        }
        KeyCustody custody = KeyCustody.load(null, dataDir);
        List<Needle> secrets = new ArrayList<>();
        List<Needle> sealed = new ArrayList<>();
        int[] counts = new int[2];
        for (Object event : registryEvents(args[1])) {
            if (event instanceof AbeMasterKeyCreated e) {
                WrappedKey wrapped = new WrappedKey(AvroBytes.of(e.getSealedMasterKey()), e.getCustodyKeyId());
                byte[] encoded = custody.openSecret(RegistryCommands.MASTER_KEY_PURPOSE, e.getProvider(), wrapped);
                AbeMasterKey.decode(encoded);
                // ABM1, then β and α, 32 bytes each
                secrets.addAll(forms("the ABE master secret β of " + e.getProvider(), Arrays.copyOfRange(encoded, 4, 36)));
                secrets.addAll(forms("the ABE master secret α of " + e.getProvider(), Arrays.copyOfRange(encoded, 36, 68)));
                Arrays.fill(encoded, (byte) 0);
                sealed.add(new Needle("the sealed master key of " + e.getProvider(), wrapped.sealed()));
                counts[0]++;
            } else if (event instanceof WatermarkKeyCreated e) {
                WrappedKey wrapped = new WrappedKey(AvroBytes.of(e.getSealedWatermarkKey()), e.getCustodyKeyId());
                byte[] key = custody.openSecret(WatermarkKeys.PURPOSE, e.getProvider(), wrapped);
                secrets.addAll(forms("the watermark key of " + e.getProvider(), key));
                Arrays.fill(key, (byte) 0);
                sealed.add(new Needle("the sealed watermark key of " + e.getProvider(), wrapped.sealed()));
                counts[1]++;
            }
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of(args[2]))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        boolean leaked = false;
        int sealedSeen = 0;
        java.util.Set<Needle> sealedFound = new java.util.HashSet<>();
        Search search = new Search(secrets, sealed);
        for (Path file : files) {
            List<Needle> found = search.find(file);
            for (Needle needle : found) {
                if (secrets.contains(needle)) {
                    System.err.println(needle.what() + " is in " + file);
                    leaked = true;
                }
            }
            if (found.stream().anyMatch(sealed::contains)) {
                sealedSeen++;
                found.stream().filter(sealed::contains).forEach(sealedFound::add);
            }
        }
        for (Needle form : sealed) {
            // each key's own partition was read: its sealed form, which its event carries, is in some file
            if (!sealedFound.contains(form)) {
                System.err.println(form.what() + " was found in none of " + files.size()
                        + " files: the scan does not see that key's events");
                System.exit(1);
            }
        }
        if (leaked) {
            System.exit(1);
        }
        System.out.println("no ABE master secret of " + counts[0] + " master key(s) and no watermark key of " + counts[1]
                + " provider(s) in " + files.size() + " files; the sealed forms are in " + sealedSeen + " of them");
    }

    /**
     * The raw bytes of a secret, its hex in both cases, and its Base64 and URL-safe Base64 at
     * each of the three alignments it can have inside a longer encoded text: the characters
     * that only the secret's bits make (so an encoding of, say, the whole master key, where β
     * starts at byte 4, is found too).
     */
    private static List<Needle> forms(String what, byte[] secret) {
        HexFormat hex = HexFormat.of();
        List<Needle> forms = new ArrayList<>(List.of(new Needle(what, secret.clone()),
                new Needle(what + " (hex)", hex.formatHex(secret).getBytes(StandardCharsets.US_ASCII)),
                new Needle(what + " (HEX)", hex.withUpperCase().formatHex(secret).getBytes(StandardCharsets.US_ASCII))));
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + secret.length];
            System.arraycopy(secret, 0, shifted, shift, secret.length);
            int first = (8 * shift + 5) / 6;
            int last = 8 * (shift + secret.length) / 6;
            for (Base64.Encoder encoder : List.of(Base64.getEncoder().withoutPadding(),
                    Base64.getUrlEncoder().withoutPadding())) {
                String text = encoder.encodeToString(shifted);
                forms.add(new Needle(what + " (Base64)",
                        text.substring(first, last).getBytes(StandardCharsets.US_ASCII)));
            }
            Arrays.fill(shifted, (byte) 0);
        }
        return forms;
    }

    private static List<Object> registryEvents(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>(new KafkaClients(bootstrapServers).consumer("secret-scan"));
        List<Object> events = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.REGISTRY_EVENTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        events.add(SingleObjectCodec.standard().decode(record.value()));
                    } catch (RuntimeException e) {
                        // a record of another shape (the dead-letter path's business): not a key
                    }
                }
            }
        }
        return events;
    }

    /**
     * A search for needles in files, read in chunks of 1 MiB that overlap by the longest needle
     * less one byte, so a needle across two chunks is found and no file is held whole. One pass
     * over each chunk, whatever the number of needles: a position is compared with the needles
     * that start with its two bytes only (the broker's index files alone are gigabytes of
     * preallocated zeros, which start no needle). The needles are indexed once, for every file.
     */
    static final class Search {

        private final List<Needle>[] byStart;
        private final int overlap;

        @SuppressWarnings("unchecked")
        Search(List<Needle> secrets, List<Needle> sealed) {
            List<Needle> needles = new ArrayList<>(secrets);
            needles.addAll(sealed);
            byStart = new List[1 << 16];
            for (Needle needle : needles) {
                if (needle.bytes().length < 2) {
                    throw new IllegalArgumentException(needle.what() + " is shorter than 2 bytes");
                }
                int start = startOf(needle.bytes(), 0);
                if (byStart[start] == null) {
                    byStart[start] = new ArrayList<>();
                }
                byStart[start].add(needle);
            }
            overlap = needles.stream().mapToInt(n -> n.bytes().length).max().orElse(1) - 1;
        }

        /** The needles found in {@code file}. */
        List<Needle> find(Path file) {
            byte[] buffer = new byte[CHUNK + overlap];
            java.util.Set<Needle> found = new java.util.LinkedHashSet<>();
            try (InputStream in = Files.newInputStream(file)) {
                int kept = 0;
                while (true) {
                    int read = in.readNBytes(buffer, kept, CHUNK);
                    int length = kept + read;
                    for (int i = 0; i + 1 < length; i++) {
                        List<Needle> candidates = byStart[startOf(buffer, i)];
                        if (candidates != null) {
                            for (Needle needle : candidates) {
                                if (matchesAt(buffer, length, i, needle.bytes())) {
                                    found.add(needle);
                                }
                            }
                        }
                    }
                    if (read < CHUNK) {
                        return new ArrayList<>(found);
                    }
                    kept = Math.min(overlap, length);
                    System.arraycopy(buffer, length - kept, buffer, 0, kept);
                }
            } catch (IOException e) {
                // a file the broker or a service removed while the scan ran
                return new ArrayList<>(found);
            }
        }
    }

    private static int startOf(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 8 | (bytes[at + 1] & 0xff);
    }

    private static boolean matchesAt(byte[] haystack, int length, int at, byte[] needle) {
        return at + needle.length <= length
                && Arrays.equals(haystack, at, at + needle.length, needle, 0, needle.length);
    }
}
