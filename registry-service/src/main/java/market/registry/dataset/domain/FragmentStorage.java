package market.registry.dataset.domain;

/** A stored fragment as completed at adddataend: its content id, encrypted hash and wrapped key. */
public record FragmentStorage(long fragmentNo, String cid, String hashEncrypted, WrappedKey key) {}
