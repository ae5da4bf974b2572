package dev.orderengine.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.orderengine.adapter.out.dataplatform.archfixture.TransportUsingQuartz;
import dev.orderengine.domain.archfixture.DomainClassUsingFrameworks;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = ArchitectureRules.productionClasses();
    }

    static Stream<ArchRule> rules() {
        return Stream.of(
                ArchitectureRules.DOMAIN_DEPENDS_ON_THE_JDK_ONLY,
                ArchitectureRules.APPLICATION_DEPENDS_ON_DOMAIN_AND_JDK_ONLY,
                ArchitectureRules.NO_CLOCK_READS_IN_DOMAIN_OR_APPLICATION,
                ArchitectureRules.PERSISTENCE_SEES_NO_OTHER_ADAPTER,
                ArchitectureRules.REST_SEES_NO_OTHER_ADAPTER,
                ArchitectureRules.DATAPLATFORM_SEES_NO_OTHER_ADAPTER,
                ArchitectureRules.JPA_ONLY_IN_PERSISTENCE,
                ArchitectureRules.JAVALIN_ONLY_IN_REST,
                ArchitectureRules.QUARTZ_ONLY_IN_SCHEDULING,
                ArchitectureRules.SCHEDULING_SEES_NO_OTHER_ADAPTER,
                ArchitectureRules.NO_PACKAGE_CYCLES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void production_code_follows(ArchRule rule) {
        rule.check(production);
    }

    @Test
    void every_module_is_imported() {
        Stream.of("dev.orderengine.domain", "dev.orderengine.application", "dev.orderengine.adapter.out.persistence",
                        "dev.orderengine.adapter.in.rest", "dev.orderengine.adapter.out.dataplatform", "dev.orderengine.bootstrap",
                        "dev.orderengine.bootstrap.scheduling")
                .forEach(root -> assertThat(production.stream().anyMatch(c -> c.getPackageName().startsWith(root)))
                        .as("classes of %s are imported", root)
                        .isTrue());
    }

    @Test
    void the_rules_catch_a_planted_violation() {
        JavaClasses planted = new ClassFileImporter().importClasses(DomainClassUsingFrameworks.class, TransportUsingQuartz.class);

        EvaluationResult jdkOnly = ArchitectureRules.DOMAIN_DEPENDS_ON_THE_JDK_ONLY.evaluate(planted);
        EvaluationResult jpa = ArchitectureRules.JPA_ONLY_IN_PERSISTENCE.evaluate(planted);
        EvaluationResult clock = ArchitectureRules.NO_CLOCK_READS_IN_DOMAIN_OR_APPLICATION.evaluate(planted);
        EvaluationResult quartz = ArchitectureRules.QUARTZ_ONLY_IN_SCHEDULING.evaluate(planted);

        assertThat(jdkOnly.hasViolation()).isTrue();
        assertThat(jdkOnly.getFailureReport().getDetails()).anyMatch(line -> line.contains("jakarta.persistence.Entity"));
        assertThat(jpa.hasViolation()).isTrue();
        assertThat(clock.hasViolation()).isTrue();
        assertThat(clock.getFailureReport().getDetails()).anyMatch(line -> line.contains("Instant.now()"));
        assertThat(quartz.hasViolation()).isTrue();
        assertThat(quartz.getFailureReport().getDetails()).anyMatch(line -> line.contains("org.quartz.Job"));
    }
}
