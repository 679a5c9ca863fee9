package market.platform.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The layering rule every service checks: classes in a {@code domain} package depend on no
 * framework (Spring, Kafka, Reactor, Jackson, Avro, servlets), on no wire or topic types, and on
 * no web, view, wire, config or runtime class of the service or the platform.
 */
public final class DomainPurity {

    private DomainPurity() {}

    public static void check(String servicePackage) {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.apache.kafka..", "reactor..", "jakarta.servlet..",
                        "tools.jackson..", "com.fasterxml.jackson..", "org.apache.avro..", "market.schemas..",
                        "..web..", "..view..", "..wire..", "..config..", "..runtime..")
                .because("deciders are pure functions of commands, events and state")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages(servicePackage, "market.platform"));
    }
}
