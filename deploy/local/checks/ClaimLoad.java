import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import market.platform.signing.RequestSignature;
import market.platform.signing.Wallet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load for the keeper-service crash check: for SECONDS, round after round, every keeper claims
 * (claimkreward, signed with its node's wallet) on every dataset, from one thread per keeper.
 * Writes one line per claim request: the keeper's address, the data_id, the HTTP status (or ERR
 * when no answer came) and the claim_id of a 201, else the errorCode or "-".
 * Usage: java -cp cli/target/market.jar ClaimLoad.java KEEPER_URL SECONDS DATA_IDS OUT_FILE WALLET...
 *        (DATA_IDS comma-separated; one wallet.properties per keeper)
 */
public class ClaimLoad {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        String keeperUrl = args[0];
        long until = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[1])).toNanos();
        List<Long> dataIds = new ArrayList<>();
        for (String id : args[2].split(",")) {
            dataIds.add(Long.parseLong(id));
        }
        List<Wallet> keepers = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            keepers.add(Wallet.load(Path.of(args[i])));
        }
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(keepers.size());
        List<Future<?>> runs = new ArrayList<>();
        for (Wallet keeper : keepers) {
            runs.add(pool.submit(() -> {
                while (System.nanoTime() < until) {
                    for (long dataId : dataIds) {
                        lines.add(keeper.address() + " " + dataId + " " + claim(keeperUrl, keeper, dataId));
                    }
                    pause(300);
                }
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        pool.shutdown();
        try (PrintWriter out = new PrintWriter(args[3])) {
            lines.forEach(out::println);
        }
        long created = lines.stream().filter(l -> l.split(" ")[2].equals("201")).count();
        System.out.println(lines.size() + " claim requests, " + created + " claims accepted");
    }

    static String claim(String base, Wallet keeper, long dataId) {
        byte[] body = ("{\"data_id\":" + dataId + ",\"storagePeriod\":30}").getBytes();
        RequestSignature.SignedHeaders signed = keeper.signRequest("POST", "/v1/claims", body, Clock.systemUTC());
        HttpRequest request = signed.addTo(HttpRequest.newBuilder(URI.create(base + "/v1/claims"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = answer.body().isBlank() ? null : JSON.readTree(answer.body());
            String detail = json == null ? "-" : answer.statusCode() == 201 ? json.path("claim_id").asString()
                    : json.path("errorCode").asString("-");
            return answer.statusCode() + " " + detail;
        } catch (Exception e) {
            pause(500);
            return "ERR -";
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
