package market.keeper;

import market.platform.testing.DomainPurity;
import org.junit.jupiter.api.Test;

/** keeper-service's domain stays pure: no framework, wire, web, view or runtime types. */
class ArchitectureTest {

    @Test
    void domainPackagesImportNoFrameworksAndNoEdges() {
        DomainPurity.check("market.keeper");
    }
}
