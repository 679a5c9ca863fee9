package market.platform.content;

import java.io.IOException;

/** Where an importer puts the blocks it makes: a block store, a CAR writer, or nowhere. */
@FunctionalInterface
public interface BlockSink {

    BlockSink DISCARD = (cid, block) -> {};

    void put(Cid cid, byte[] block) throws IOException;
}
