package market.registry.dataset.domain;

/** A fragment as declared at adddatabegin: number, plain size and hash, and the cluster that stores it. */
public record FragmentPlan(long fragmentNo, long size, String hashOriginal, long idfsClusterId) {}
