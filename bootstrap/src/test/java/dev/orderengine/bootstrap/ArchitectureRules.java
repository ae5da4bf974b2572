package dev.orderengine.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/**
 * The design card as ArchUnit rules: dependencies point inward only, frameworks stay in their adapter.
 * Every rule also fails when it matches no class at all (ArchUnit's default), so a renamed package cannot
 * make a rule pass vacuously.
 */
final class ArchitectureRules {

    static final String DOMAIN = "dev.orderengine.domain..";
    static final String APPLICATION = "dev.orderengine.application..";
    static final String PERSISTENCE = "dev.orderengine.adapter.out.persistence..";
    static final String REST = "dev.orderengine.adapter.in.rest..";
    static final String DATAPLATFORM = "dev.orderengine.adapter.out.dataplatform..";
    static final String BOOTSTRAP = "dev.orderengine.bootstrap..";
    static final String SCHEDULING = "dev.orderengine.bootstrap.scheduling..";

    private ArchitectureRules() {
    }

    /** The production classes of every module, wherever the build put them (directories or jars), without test code. */
    static JavaClasses productionClasses() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ArchitectureRules::notATestJar)
                .importPackages("dev.orderengine");
    }

    private static boolean notATestJar(Location location) {
        return !location.contains("-tests.jar") && !location.contains("/test-classes/");
    }

    static final ArchRule DOMAIN_DEPENDS_ON_THE_JDK_ONLY = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..")
            .as("the domain depends on the JDK and itself only");

    static final ArchRule APPLICATION_DEPENDS_ON_DOMAIN_AND_JDK_ONLY = classes().that().resideInAPackage(APPLICATION)
            .should().onlyDependOnClassesThat().resideInAnyPackage(APPLICATION, DOMAIN, "java..")
            .as("the application depends on the domain, the JDK and itself only");

    static final ArchRule NO_CLOCK_READS_IN_DOMAIN_OR_APPLICATION = noClasses().that().resideInAnyPackage(DOMAIN, APPLICATION)
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(LocalDate.class, "now")
            .orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(OffsetDateTime.class, "now")
            .orShould().callMethod(ZonedDateTime.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .as("time comes from an injected Clock, never from now()");

    static final ArchRule PERSISTENCE_SEES_NO_OTHER_ADAPTER = noClasses().that().resideInAPackage(PERSISTENCE)
            .should().dependOnClassesThat().resideInAnyPackage(REST, DATAPLATFORM, BOOTSTRAP)
            .as("the persistence adapter depends on no other adapter");

    static final ArchRule REST_SEES_NO_OTHER_ADAPTER = noClasses().that().resideInAPackage(REST)
            .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE, DATAPLATFORM, BOOTSTRAP)
            .as("the REST adapter depends on no other adapter");

    static final ArchRule DATAPLATFORM_SEES_NO_OTHER_ADAPTER = noClasses().that().resideInAPackage(DATAPLATFORM)
            .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE, REST, BOOTSTRAP)
            .as("the data-platform adapter depends on no other adapter");

    static final ArchRule JPA_ONLY_IN_PERSISTENCE = noClasses().that().resideOutsideOfPackage(PERSISTENCE)
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "org.hibernate..")
            .as("Jakarta Persistence and Hibernate are used in the persistence adapter only");

    static final ArchRule JAVALIN_ONLY_IN_REST = noClasses().that().resideOutsideOfPackage(REST)
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..")
            .as("Javalin and Jetty are used in the REST adapter only");

    static final ArchRule QUARTZ_ONLY_IN_SCHEDULING = noClasses()
            .that().resideOutsideOfPackage(SCHEDULING)
            .should().dependOnClassesThat().resideInAnyPackage("org.quartz..")
            .as("Quartz is used by the scheduling adapter only");

    static final ArchRule SCHEDULING_SEES_NO_OTHER_ADAPTER = noClasses().that().resideInAPackage(SCHEDULING)
            .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE, REST, DATAPLATFORM)
            .as("the scheduling adapter depends on no other adapter");

    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("dev.orderengine.(**)")
            .should().beFreeOfCycles()
            .as("no package cycles");
}
