package market.registry.dataset.domain;

import java.util.List;

/**
 * The fragments of a DataShare publish that carried its data as {@code plainData}: the registry
 * encrypted them, keeps the ciphertext staged in its data folder, and its {@code uploader}
 * account uploads them to the keepers. Each fragment has its CID, encrypted hash and size and its
 * custody-wrapped key (empty for a sample); the registration completes with them once every
 * fragment is stored, as adddataend would.
 */
public record StagedStorage(String uploader, List<StagedFragment> fragments) {

    public StagedStorage {
        fragments = List.copyOf(fragments);
    }

    /** One staged fragment, as keeper nodes will hold it. */
    public record StagedFragment(long fragmentNo, String cid, String hashEncrypted, long sizeEncrypted, WrappedKey key) {

        FragmentStorage stored() {
            return new FragmentStorage(fragmentNo, cid, hashEncrypted, key);
        }
    }

    /** A staged fragment as declared to keeper-service: what its nodes accept. */
    public record Declaration(long fragmentNo, String cid, long sizeEncrypted) {}

    public List<Declaration> declarations() {
        return fragments.stream().map(f -> new Declaration(f.fragmentNo(), f.cid(), f.sizeEncrypted())).toList();
    }
}
