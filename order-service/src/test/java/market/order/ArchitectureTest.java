package market.order;

import market.platform.testing.DomainPurity;
import org.junit.jupiter.api.Test;

/** The order service's domain stays pure: no framework, wire, web, view or runtime types. */
class ArchitectureTest {

    @Test
    void domainPackagesImportNoFrameworksAndNoEdges() {
        DomainPurity.check("market.order");
    }
}
