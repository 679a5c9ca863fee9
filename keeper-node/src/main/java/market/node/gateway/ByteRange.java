package market.node.gateway;

import market.platform.web.ApiException;

/**
 * A byte range of a file, {@code [from, to)}, from an HTTP {@code Range} header (one range of
 * {@code bytes}, RFC 9110) or the trustless gateway's {@code entity-bytes=from:to} parameter
 * (IPIP-402: {@code to} inclusive or {@code *}, negative values counted from the end).
 */
public record ByteRange(long from, long to) {

    public long length() {
        return to - from;
    }

    /** The whole file. */
    public static ByteRange all(long size) {
        return new ByteRange(0, size);
    }

    /**
     * The range a {@code Range} header asks for; null when it asks for none this server serves
     * (absent, several ranges, or another unit), so the whole file is sent.
     *
     * @throws Unsatisfiable when the range starts past the end of the file
     */
    public static ByteRange ofRangeHeader(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
            return null;
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String first = spec.substring(0, dash).trim();
            String last = spec.substring(dash + 1).trim();
            if (first.isEmpty()) {
                long suffix = Long.parseLong(last);
                if (suffix <= 0) {
                    throw new Unsatisfiable(size);
                }
                return new ByteRange(Math.max(0, size - suffix), size);
            }
            long from = Long.parseLong(first);
            long to = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
            if (from < 0 || from >= size || to < from) {
                throw new Unsatisfiable(size);
            }
            return new ByteRange(from, to + 1);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The range of {@code entity-bytes}; an empty range when it lies outside the file. */
    public static ByteRange ofEntityBytes(String parameter, long size) {
        int colon = parameter.indexOf(':');
        if (colon < 0) {
            throw invalid();
        }
        try {
            long from = Long.parseLong(parameter.substring(0, colon));
            String last = parameter.substring(colon + 1);
            long to = last.equals("*") ? size - 1 : Long.parseLong(last);
            from = from < 0 ? Math.max(0, size + from) : from;
            to = to < 0 ? size + to : Math.min(to, size - 1);
            if (from > to || from >= size) {
                return new ByteRange(0, 0);
            }
            return new ByteRange(from, to + 1);
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.badRequest("GATEWAY.INVALID_ENTITY_BYTES",
                "entity-bytes must be from:to with integers, to being * or inclusive");
    }

    /** A {@code Range} that starts past the end: answered 416 with the file's size. */
    public static final class Unsatisfiable extends ApiException {
        private final long size;

        public Unsatisfiable(long size) {
            super(416, "GATEWAY.RANGE_NOT_SATISFIABLE", "the range lies outside the " + size + " bytes of the file");
            this.size = size;
        }

        public long size() {
            return size;
        }
    }
}
