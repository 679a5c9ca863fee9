package market.registry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Domain packages stay pure: no Spring, Kafka, Reactor or web types. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("market.registry", "market.platform");

    @Test
    void domainPackagesImportNoFrameworks() {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.apache.kafka..", "reactor..", "jakarta.servlet..",
                        "tools.jackson..", "com.fasterxml.jackson..", "org.apache.avro..", "market.schemas..")
                .because("deciders are pure functions of commands, events and state")
                .check(classes);
    }

    @Test
    void domainPackagesDoNotReachIntoEdges() {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("..web..", "..view..", "..wire..", "..config..",
                        "..runtime..")
                .check(classes);
    }
}
