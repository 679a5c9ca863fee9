package market.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import market.platform.content.BlockSink;
import market.platform.content.UnixFsImporter;
import market.platform.crypto.AesGcm;
import market.platform.crypto.Hashes;
import market.platform.ids.Did;
import market.platform.money.Money;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code market datashare publish}: a BCS DataShare product from a data file and sample files,
 * of any size. With {@code --watermark}, the data is first marked by the registry under the
 * provider's watermark key. The data is split into fragments, each encrypted here under a fresh
 * key (the key never leaves this machine but sealed to the registry's custody at the end);
 * samples are public and stored as they are. Then the publish (signed, hashes and sizes only),
 * the uploads to the keepers, and adddataend, as {@code market data begin} and {@code end} do.
 */
@Command(name = "publish", description = "Publish a DataShare product: data file, samples, category, policy, watermark (signed).")
final class DataSharePublishCommand implements Callable<Integer> {

    static final int MAX_WATERMARK_BYTES = 8 << 20;

    @Spec
    CommandSpec spec;

    @ParentCommand
    DataShareCommands datashare;

    @Option(names = "--product-id", required = true, paramLabel = "ID", description = "productID, unique for you.")
    String productId;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "productName.")
    String productName;

    @Option(names = "--file", required = true, paramLabel = "PATH", description = "The data file.")
    Path file;

    @Option(names = "--sample", paramLabel = "PATH", description = "A public sample file; repeat for more.")
    List<Path> samples;

    @Option(names = "--price", required = true, paramLabel = "\"2.0000 OSB\"", converter = AmountConverter.class,
            description = "Price as an OSB amount, at most 4 decimals.")
    Money price;

    @Option(names = "--period", defaultValue = "30", paramLabel = "DAYS",
            description = "Storage period in days (default: ${DEFAULT-VALUE}).")
    int period;

    @Option(names = "--category", defaultValue = "symmetric", paramLabel = "symmetric|abe",
            description = "Encryption of the data key: symmetric (default) or abe, which needs --policy.")
    String category;

    @Option(names = "--policy", paramLabel = "JSON|@FILE",
            description = "The ABE policy as the contract's JSON (Threshold, Children), or @ and a file holding it.")
    String policy;

    @Option(names = "--watermark", paramLabel = "visible|blind", description = "Mark the data (PNG, JPEG or CSV, at most 8 MiB).")
    String watermark;

    @Option(names = "--description", defaultValue = "", paramLabel = "TEXT", description = "description.")
    String description;

    @Option(names = "--provider-name", defaultValue = "", paramLabel = "NAME", description = "providerName.")
    String providerName;

    @Option(names = "--file-type", paramLabel = "TYPE", description = "fileType (default: the file's extension).")
    String fileType;

    @Option(names = "--fragments", defaultValue = "1", paramLabel = "N",
            description = "Number of data fragments (default: ${DEFAULT-VALUE}).")
    int fragments;

    @Option(names = "--cluster", defaultValue = "0", paramLabel = "ID",
            description = "IDFS cluster of every fragment; 0 lets the platform choose (default: ${DEFAULT-VALUE}).")
    long cluster;

    @Option(names = "--plain-data", description = "Send the file itself (at most 8 MiB) as plainData: the registry "
            + "encrypts it under a fresh key and stores it on the keepers. No samples; one fragment.")
    boolean plainData;

    @Option(names = "--wait", defaultValue = "60", paramLabel = "SECONDS", converter = Polling.Seconds.class,
            description = "How long to wait for each of placement, replication and the storage fee (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Override
    public Integer call() {
        if (fragments < 1) {
            throw new ParameterException(spec.commandLine(), "--fragments must be at least 1");
        }
        if (!category.equals("symmetric") && !category.equals("abe")) {
            throw new ParameterException(spec.commandLine(), "--category must be symmetric or abe");
        }
        if (category.equals("abe") != (policy != null)) {
            throw new ParameterException(spec.commandLine(), "--policy goes with --category abe, and only with it");
        }
        if (watermark != null && !watermark.equals("visible") && !watermark.equals("blind")) {
            throw new ParameterException(spec.commandLine(), "--watermark must be visible or blind");
        }
        if (plainData && (samples != null || fragments != 1)) {
            throw new ParameterException(spec.commandLine(), "--plain-data stores the file as one fragment: it takes no "
                    + "--sample or --fragments");
        }
        Market market = datashare.market;
        if (plainData) {
            return market.run(spec, out -> Market.print(out, publishPlain(market)));
        }
        return market.run(spec, out -> {
            if (category.equals("abe")) {
                // the provider's master key, made on first use; kept as it is when it exists
                market.registry().post("/v1/datashare/abe-setup", Json.object(), market.wallet());
            }
            LocalRegistration local = market.localRegistration();
            List<Path> sampleFiles = samples == null ? List.of() : samples;
            List<byte[]> keys = new ArrayList<>();
            for (int i = 0; i < fragments; i++) {
                keys.add(AesGcm.newKey());
            }
            sampleFiles.forEach(sample -> keys.add(null));
            Path staged = local.stage(keys);
            Path data = watermark == null ? file : marked(market, staged);
            Fragmenter.Plan plan = plan(data, fragments);
            List<Fragmenter.Part> sampleParts = new ArrayList<>();
            for (Path sample : sampleFiles) {
                sampleParts.add(plan(sample, 1).parts().get(0));
            }
            JsonNode view;
            try {
                view = market.registry().post("/v1/datashare/dataset", body(market, plan, sampleParts, sampleFiles),
                        market.wallet());
            } catch (ServiceClient.NoAnswer e) {
                throw new CliException(e.getMessage() + "; the product may have been recorded, and its keys are kept in "
                        + staged);
            } catch (CliException e) {
                local.discard(staged);
                throw e;
            }
            long id = view.path("data_id").asLong();
            local.commit(staged, id);
            if (watermark != null) {
                data = local.folder(id).resolve(data.getFileName());
            }
            List<Fragmenter.Sealed> sealed = new ArrayList<>();
            for (Fragmenter.Part part : plan.parts()) {
                Progress progress = new Progress(spec.commandLine().getErr(), "encrypting fragment " + part.fragmentNo()
                        + "/" + plan.parts().size(), part.size());
                try {
                    sealed.add(Fragmenter.seal(data, part, keys.get(part.fragmentNo() - 1), id,
                            local.fragmentFile(id, part.fragmentNo()), progress));
                } catch (IOException e) {
                    throw new CliException("cannot encrypt fragment " + part.fragmentNo() + ": " + e);
                }
                progress.finish();
            }
            if (watermark != null) {
                deleteQuietly(data);
            }
            for (int i = 0; i < sampleFiles.size(); i++) {
                sealed.add(stored(sampleFiles.get(i), fragments + 1 + i, local.fragmentFile(id, fragments + 1 + i)));
            }
            local.recordSealed(id, sealed);
            Market.note(spec, "product " + productId + " is data " + id + "; storing its fragments…");
            JsonNode registered = DataCommands.complete(market, spec, id, wait);
            DataCommands.checkRegistered(spec, id, registered);
            Market.print(out, market.registry().get("/v1/datashare/dataset?provider=" + market.wallet().address()
                    + "&productID=" + ServiceClient.encode(productId)));
        });
    }

    /**
     * The file sent as the publish's {@code plainData} (as {@code file} when it is to be marked),
     * with its SHA-256 and size for the registry to check; then the wait while the registry
     * stores it and settlement charges the fee, until the product is ready.
     */
    private JsonNode publishPlain(Market market) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_WATERMARK_BYTES) {
                throw new CliException("--plain-data sends at most 8 MiB; " + file + " is larger: publish it without "
                        + "--plain-data, which encrypts and uploads data of any size from here");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CliException("no such file: " + file);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e);
        }
        if (category.equals("abe")) {
            market.registry().post("/v1/datashare/abe-setup", Json.object(), market.wallet());
        }
        ObjectNode body = Json.object();
        body.put("cryptoMethod", "SW");
        body.put("provider", Did.of(market.wallet().address()));
        body.put("providerName", providerName);
        body.put("productName", productName);
        body.put("productID", productId);
        body.put("fileType", fileType != null ? fileType : extension(file));
        body.put("dataHash", Hashes.sha256Hex(bytes));
        body.put("dataSize", Long.toString(bytes.length));
        body.put("dataName", file.getFileName().toString());
        body.put("description", description);
        body.put("category", category);
        if (policy != null) {
            body.set("policy", Json.parse(policyText()));
        }
        if (watermark != null) {
            body.put("watermarkType", watermark);
        }
        body.put(watermark != null ? "file" : "plainData", Base64.getEncoder().encodeToString(bytes));
        body.put("price", price.format());
        body.put("period", period);
        if (cluster != 0) {
            body.put("idfs_cluster_id", cluster);
        }
        JsonNode published = market.registry().post("/v1/datashare/dataset", body, market.wallet());
        long id = published.path("data_id").asLong();
        Market.note(spec, "product " + productId + " is data " + id + "; the registry stores it on the keepers…");
        String path = "/v1/datashare/dataset?provider=" + market.wallet().address() + "&productID="
                + ServiceClient.encode(productId);
        JsonNode view = new Polling(wait, java.time.Duration.ofMillis(300)).until(published,
                () -> market.registry().get(path), v -> !v.path("status").asString().equals("registering"));
        String status = view.path("status").asString();
        if (status.equals("registering")) {
            Market.note(spec, "data " + id + " is not stored yet; follow it with `market datashare show --product-id "
                    + productId + "`");
        } else if (!status.equals("ready")) {
            throw new CliException("the product " + productId + " (data " + id + ") is " + status
                    + "; `market data show --id " + id + "` says why");
        }
        return view;
    }

    /** The data marked by the registry, written into the staging folder (readable by its owner only). */
    private Path marked(Market market, Path staged) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_WATERMARK_BYTES) {
                throw new CliException("a file to watermark is at most 8 MiB; " + file + " is larger");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CliException("no such file: " + file);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e);
        }
        ObjectNode body = Json.object().put("productID", productId).put("watermarkType", watermark)
                .put("file", Base64.getEncoder().encodeToString(bytes));
        JsonNode marked = market.registry().post("/v1/datashare/watermark/embed", body, market.wallet());
        Path out = staged.resolve(file.getFileName());
        try {
            Files.write(out, Base64.getDecoder().decode(marked.path("file").asString()));
        } catch (IOException e) {
            throw new CliException("cannot write " + out + ": " + e);
        }
        Market.note(spec, "marked " + file + " with " + marked.path("watermark").asString() + " (" + watermark + ")");
        return out;
    }

    private Fragmenter.Plan plan(Path path, int count) {
        try {
            return Fragmenter.plan(path, count, new Progress(spec.commandLine().getErr(), "hashing " + path, Files.size(path)));
        } catch (NoSuchFileException e) {
            throw new CliException("no such file: " + path);
        } catch (IllegalArgumentException e) {
            throw new CliException(path + ": " + e.getMessage());
        } catch (IOException e) {
            throw new CliException("cannot read " + path + ": " + e);
        }
    }

    /** A sample as it is stored: copied, with the CID and SHA-256 of its plain bytes. */
    private static Fragmenter.Sealed stored(Path sample, int fragmentNo, Path target) {
        try {
            Files.copy(sample, target, StandardCopyOption.REPLACE_EXISTING);
            UnixFsImporter importer = new UnixFsImporter(BlockSink.DISCARD);
            var sha = Hashes.sha256Digest();
            byte[] buffer = new byte[256 * 1024];
            try (InputStream in = Files.newInputStream(target)) {
                for (int read; (read = in.read(buffer)) > 0; ) {
                    importer.write(buffer, 0, read);
                    sha.update(buffer, 0, read);
                }
            }
            return new Fragmenter.Sealed(fragmentNo, importer.finish().toString(),
                    java.util.HexFormat.of().formatHex(sha.digest()), Files.size(target));
        } catch (IOException e) {
            throw new CliException("cannot store sample " + sample + ": " + e);
        }
    }

    private ObjectNode body(Market market, Fragmenter.Plan plan, List<Fragmenter.Part> sampleParts, List<Path> sampleFiles) {
        ObjectNode body = Json.object();
        body.put("cryptoMethod", "SW");
        body.put("provider", Did.of(market.wallet().address()));
        body.put("providerName", providerName);
        body.put("productName", productName);
        body.put("productID", productId);
        body.put("fileType", fileType != null ? fileType : extension(file));
        body.put("dataHash", plan.dataHashOriginal());
        body.put("dataSize", Long.toString(plan.size()));
        body.put("dataName", file.getFileName().toString());
        body.put("description", description);
        body.put("category", category);
        if (policy != null) {
            body.set("policy", Json.parse(policyText()));
        }
        if (watermark != null) {
            body.put("watermarkType", watermark);
        }
        body.put("price", price.format());
        body.put("period", period);
        ArrayNode list = body.putArray("fragments");
        plan.parts().forEach(part -> list.addObject().put("fragment_no", part.fragmentNo()).put("size", part.size())
                .put("hash_original", part.hashOriginal()).put("idfs_cluster_id", cluster));
        ArrayNode sampleList = body.putArray("samples");
        for (int i = 0; i < sampleParts.size(); i++) {
            Fragmenter.Part part = sampleParts.get(i);
            int no = fragments + 1 + i;
            list.addObject().put("fragment_no", no).put("size", part.size()).put("hash_original", part.hashOriginal())
                    .put("idfs_cluster_id", cluster);
            sampleList.addObject().put("fragment_no", no).put("sampleName", sampleFiles.get(i).getFileName().toString())
                    .put("sampleType", extension(sampleFiles.get(i)));
        }
        return body;
    }

    private String policyText() {
        if (!policy.startsWith("@")) {
            return policy;
        }
        try {
            return Files.readString(Path.of(policy.substring(1)));
        } catch (IOException e) {
            throw new CliException("cannot read the policy file " + policy.substring(1) + ": " + e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // the marked plain copy stays in the owner-only registration folder
        }
    }

    private static String extension(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
