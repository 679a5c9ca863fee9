import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import market.platform.crypto.Hashes;
import market.platform.signing.RequestSignature;
import market.platform.signing.Wallet;

/**
 * Load for the settlement crash check: creates COUNT buyer wallets, has the operator deposit
 * PRICE into each, then sends their signed buy requests from 16 threads. Writes one line per
 * buyer: its address, the HTTP status of its buy (or ERR when no answer came) and the deal_id
 * when the answer was 201.
 * Usage: java -cp cli/target/market.jar PaymentLoad.java SETTLEMENT_URL ORDER_URL OPERATOR_WALLET
 *        DATASET PRICE COUNT OUT_FILE
 */
public class PaymentLoad {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    public static void main(String[] args) throws Exception {
        String settlement = args[0];
        String order = args[1];
        Wallet operator = Wallet.load(Path.of(args[2]));
        String dataset = args[3];
        String price = args[4];
        int count = Integer.parseInt(args[5]);
        List<Wallet> buyers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Wallet buyer = Wallet.create();
            String path = "/v1/accounts/" + buyer.address() + "/deposits";
            int status = send(operator, settlement, path,
                    "{\"amount\":\"" + price + "\",\"deposit_ref\":\"crash-" + buyer.address() + "\"}").statusCode();
            if (status != 200) {
                throw new IllegalStateException("deposit for " + buyer.address() + " answered " + status);
            }
            buyers.add(buyer);
        }
        System.out.println("deposited " + price + " for each of " + count + " buyers; buying");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<String>> results = new ArrayList<>();
        for (Wallet buyer : buyers) {
            results.add(pool.submit(() -> {
                String body = "{\"buyer\":\"" + buyer.address() + "\",\"dataset\":\"" + dataset + "\",\"maxprice\":\""
                        + price + "\",\"buyer_key\":\"" + Hashes.toHex0x(buyer.publicKey()) + "\",\"salt\":\""
                        + Hashes.toHex0x(Hashes.sha256(buyer.publicKey())) + "\"}";
                try {
                    HttpResponse<String> answer = send(buyer, order, "/v1/deals", body);
                    String deal = answer.statusCode() == 201
                            ? answer.body().replaceAll("(?s).*\"deal_id\"\\s*:\\s*([0-9]+).*", "$1") : "-";
                    return buyer.address() + " " + answer.statusCode() + " " + deal;
                } catch (Exception e) {
                    return buyer.address() + " ERR -";
                }
            }));
        }
        try (PrintWriter out = new PrintWriter(args[6])) {
            for (Future<String> result : results) {
                out.println(result.get());
            }
        }
        pool.shutdown();
    }

    static HttpResponse<String> send(Wallet signer, String base, String path, String body) throws Exception {
        byte[] bytes = body.getBytes();
        RequestSignature.SignedHeaders signed = signer.signRequest("POST", path, bytes, Clock.systemUTC());
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(RequestSignature.ADDRESS_HEADER, signed.address())
                .header(RequestSignature.TIMESTAMP_HEADER, Long.toString(signed.timestamp()))
                .header(RequestSignature.NONCE_HEADER, signed.nonce())
                .header(RequestSignature.SIGNATURE_HEADER, signed.signature())
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
