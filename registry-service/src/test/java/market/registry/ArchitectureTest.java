package market.registry;

import market.platform.testing.DomainPurity;
import org.junit.jupiter.api.Test;

/** The registry's domain stays pure: no framework, wire, web, view or runtime types. */
class ArchitectureTest {

    @Test
    void domainPackagesImportNoFrameworksAndNoEdges() {
        DomainPurity.check("market.registry");
    }
}
