package market.platform.content;

import java.io.IOException;

/**
 * Where a DAG walk reads blocks: a block store, a peer's gateway, or a CAR stream. The walk
 * checks every block against its CID, so a source need not be trusted.
 */
@FunctionalInterface
public interface BlockSource {

    /** The bytes of the block; throws {@link MissingBlockException} when the source lacks it. */
    byte[] get(Cid cid) throws IOException;

    /** The source has no block for {@code cid}. */
    final class MissingBlockException extends IOException {
        private final Cid cid;

        public MissingBlockException(Cid cid) {
            super("block " + cid + " is missing");
            this.cid = cid;
        }

        public Cid cid() {
            return cid;
        }
    }
}
