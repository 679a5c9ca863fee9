package market.cli;

import java.io.PrintWriter;

/**
 * A progress line on stderr for long transfers: bytes done of the total, percent and rate. On a
 * terminal it redraws one line at most five times a second; otherwise (a log, CI) it prints only
 * the final line, so logs stay readable.
 */
final class Progress {

    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final boolean live;
    private final long started = System.nanoTime();
    private long done;
    private long drawn;

    Progress(PrintWriter err, String label, long total) {
        this(err, label, total, System.console() != null);
    }

    Progress(PrintWriter err, String label, long total, boolean live) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.live = live;
    }

    void add(long bytes) {
        done += bytes;
        long now = System.nanoTime();
        if (live && now - drawn > REDRAW_NANOS) {
            drawn = now;
            err.print("\r" + line());
            err.flush();
        }
    }

    /** Goes back to the start, as when a transfer is retried from another source. */
    void restart() {
        done = 0;
    }

    void finish() {
        err.println((live ? "\r" : "") + line());
        err.flush();
    }

    private String line() {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        long percent = total == 0 ? 100 : Math.min(100, done * 100 / total);
        return String.format("%s %3d%% %s of %s, %.1f MB/s", label, percent, mb(done), mb(total),
                done / seconds / 1e6);
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }
}
