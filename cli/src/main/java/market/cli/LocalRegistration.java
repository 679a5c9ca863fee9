package market.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import market.cli.Fragmenter.Sealed;

/**
 * The provider's local files of a registration between {@code adddatabegin} and
 * {@code adddataend}: {@code <datasets>/<data_id>/fragment-<n>.enc} (the sealed fragments) and
 * {@code registration.properties} (per fragment its encrypt_key, then its cid, hash_encrypted
 * and size_encrypted once sealed), readable by the owner only. The keys are written to a staging
 * folder before the begin request is sent, and the folder is renamed to the data_id the registry
 * assigns, so no fragment key is lost if the client stops in between.
 */
final class LocalRegistration {

    static final String FILE = "registration.properties";

    /** What {@code adddataend} and the upload need of one fragment. */
    record Secret(int fragmentNo, String cid, String hashEncrypted, long sizeEncrypted, String encryptKey) {
        @Override
        public String toString() {
            return "Secret[" + fragmentNo + ", " + cid + "]";
        }
    }

    private final Path datasets;

    LocalRegistration(Path datasets) {
        this.datasets = datasets;
    }

    Path folder(long dataId) {
        return datasets.resolve(Long.toString(dataId));
    }

    Path fragmentFile(long dataId, int fragmentNo) {
        return folder(dataId).resolve("fragment-" + fragmentNo + ".enc");
    }

    /**
     * Writes the fragments' keys into a new owner-only staging folder and answers it; a null key
     * (a DataShare sample, stored unencrypted) is written as an empty one.
     */
    Path stage(List<byte[]> keys) {
        try {
            Files.createDirectories(datasets);
            Path staging = Files.createTempDirectory(datasets, ".staging-");
            ownerOnly(staging, "rwx------");
            Properties properties = new Properties();
            for (int no = 1; no <= keys.size(); no++) {
                byte[] key = keys.get(no - 1);
                properties.setProperty("fragment." + no + ".encrypt_key", key == null ? "" : HexFormat.of().formatHex(key));
            }
            write(staging.resolve(FILE), properties);
            return staging;
        } catch (IOException e) {
            throw new CliException("cannot write the local registration files under " + datasets + ": " + e);
        }
    }

    /** Adds each sealed fragment's cid, hash_encrypted and size_encrypted beside its key. */
    void recordSealed(long dataId, List<Sealed> sealed) {
        Path file = folder(dataId).resolve(FILE);
        Properties properties = read(file);
        for (Sealed s : sealed) {
            String prefix = "fragment." + s.fragmentNo() + ".";
            properties.setProperty(prefix + "cid", s.cid());
            properties.setProperty(prefix + "hash_encrypted", s.hashEncrypted());
            properties.setProperty(prefix + "size_encrypted", Long.toString(s.sizeEncrypted()));
        }
        try {
            write(file, properties);
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + e);
        }
    }

    /** Renames the staging folder to the data_id's folder. */
    Path commit(Path staging, long dataId) {
        Path target = folder(dataId);
        try {
            return Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            throw new CliException(target + " already exists; the keys of data " + dataId + " are kept in " + staging);
        } catch (IOException e) {
            throw new CliException("cannot rename " + staging + " to " + target + ": " + e);
        }
    }

    /** Deletes a staging folder whose registration the registry refused. */
    void discard(Path staging) {
        try (Stream<Path> files = Files.list(staging)) {
            files.forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Files.delete(staging);
        } catch (IOException | UncheckedIOException e) {
            throw new CliException("cannot delete " + staging + ": " + e);
        }
    }

    /** The sealed fragments' secrets, in fragment order. */
    List<Secret> load(long dataId) {
        Path file = folder(dataId).resolve(FILE);
        if (!Files.exists(file)) {
            throw new CliException("no " + file + ": it is written by `market data begin` with the same --home");
        }
        Properties properties = read(file);
        List<Secret> secrets = new ArrayList<>();
        for (int no = 1; properties.getProperty("fragment." + no + ".encrypt_key") != null; no++) {
            String prefix = "fragment." + no + ".";
            String cid = properties.getProperty(prefix + "cid");
            String hash = properties.getProperty(prefix + "hash_encrypted");
            String size = properties.getProperty(prefix + "size_encrypted");
            if (cid == null || hash == null || size == null) {
                throw new CliException(file + ": fragment " + no + " was not sealed; `market data begin` stopped "
                        + "before it finished");
            }
            secrets.add(new Secret(no, cid, hash, Long.parseLong(size), properties.getProperty(prefix + "encrypt_key")));
        }
        if (secrets.isEmpty()) {
            throw new CliException(file + " lists no fragments");
        }
        return List.copyOf(secrets);
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e);
        }
        return properties;
    }

    /** Writes owner-only through a temporary file and a rename, so the file is never half written. */
    private static void write(Path file, Properties properties) throws IOException {
        StringBuilder text = new StringBuilder("# keys of the sealed fragments: keep this file secret\n");
        properties.stringPropertyNames().stream().sorted().forEach(name ->
                text.append(name).append('=').append(properties.getProperty(name)).append('\n'));
        Path temporary = Files.createTempFile(file.getParent(), ".registration", ".tmp");
        ownerOnly(temporary, "rw-------");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void ownerOnly(Path path, String permissions) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
