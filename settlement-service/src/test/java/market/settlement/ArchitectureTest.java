package market.settlement;

import market.platform.testing.DomainPurity;
import org.junit.jupiter.api.Test;

/** Settlement's domain stays pure: no framework, wire, web, view or runtime types. */
class ArchitectureTest {

    @Test
    void domainPackagesImportNoFrameworksAndNoEdges() {
        DomainPurity.check("market.settlement");
    }
}
