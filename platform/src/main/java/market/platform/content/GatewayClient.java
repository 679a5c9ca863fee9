package market.platform.content;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Fetches from an IPFS trustless gateway (a keeper node) the CAR of a DAG, or of the blocks that
 * prove a byte range of it ({@code dag-scope=entity&entity-bytes=}), and walks it as it arrives,
 * checking every block against the CID that links to it; the visitor sees only checked blocks
 * and bytes. What downloads, replication and audits share.
 */
public final class GatewayClient {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Duration timeout;

    public GatewayClient(Duration timeout) {
        this.timeout = timeout;
    }

    /** The gateway's base URL for a node at {@code ipaddr:port}, with IPv6 addresses in brackets. */
    public static String nodeUrl(String ipaddr, int port) {
        return "http://" + (ipaddr.contains(":") ? "[" + ipaddr + "]" : ipaddr) + ":" + port;
    }

    /** The whole DAG under {@code root}. */
    public void walk(String gateway, Cid root, DagWalker.Visitor visitor) throws IOException {
        walk(gateway, root, 0, Long.MAX_VALUE, visitor);
    }

    /**
     * The blocks that cover file bytes {@code [from, to)} of {@code root} (all of them when
     * {@code to} is {@code Long.MAX_VALUE}).
     *
     * @throws IOException when the gateway fails, answers other than 200, or sends a block that
     *     does not match its CID, out of order, or too few
     */
    public void walk(String gateway, Cid root, long from, long to, DagWalker.Visitor visitor) throws IOException {
        boolean whole = from == 0 && to == Long.MAX_VALUE;
        String query = whole ? "?format=car&dups=y"
                : "?format=car&dups=y&dag-scope=entity&entity-bytes=" + from + ":" + (to - 1);
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/ipfs/" + root + query)).timeout(timeout)
                .header("Accept", "application/vnd.ipld.car").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("the node answered HTTP " + response.statusCode());
            }
            Car.Reader car = new Car.Reader(body);
            new DagWalker(car.inWalkOrder()).walk(root, from, to, visitor);
        }
    }

    /**
     * How many file bytes of {@code [from, to)} the gateway's blocks prove: the walk of
     * {@link #walk(String, Cid, long, long, DagWalker.Visitor)}, counting the bytes it reaches
     * (an audit's challenge).
     */
    public long provenBytes(String gateway, Cid root, long from, long to) throws IOException {
        long[] covered = new long[1];
        walk(gateway, root, from, to, new DagWalker.Visitor() {
            @Override
            public void block(Cid block, byte[] bytes) {}

            @Override
            public void bytes(byte[] block, int offset, int length) {
                covered[0] += length;
            }
        });
        return covered[0];
    }
}
