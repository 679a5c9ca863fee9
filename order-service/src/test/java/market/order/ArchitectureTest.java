package market.order;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The order service's domain stays pure: no Spring, Kafka, Reactor, Avro or web types. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("market.order");

    @Test
    void domainPackagesImportNoFrameworks() {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.apache.kafka..", "reactor..", "tools.jackson..",
                        "com.fasterxml.jackson..", "org.apache.avro..", "market.schemas..", "..web..", "..view..",
                        "..wire..")
                .check(classes);
    }
}
