package dev.suture.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** suture-core is pure Java: no framework, database or network client, and the domain knows nothing of the engine. */
class ArchitectureTest {
  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    // Rules only look at the names of the classes core refers to; resolving them from the class path is slow.
    ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.suture.core");
  }

  @AfterAll
  static void restoreConfiguration() {
    ArchConfiguration.get().reset();
  }

  @Test
  void coreUsesNoFrameworkDatabaseOrHttpClient() {
    noClasses().that().resideInAPackage("dev.suture.core..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..",
            "java.net.http..", "com.zaxxer..", "org.flywaydb..")
        .because("storage, HTTP and wiring live in the adapter modules")
        .check(core);
  }

  @Test
  void modelPlanAndRolloutDoNotDependOnTheEngine() {
    noClasses().that().resideInAnyPackage("dev.suture.core.model..", "dev.suture.core.plan..", "dev.suture.core.rollout..")
        .should().dependOnClassesThat().resideInAPackage("dev.suture.core.engine..")
        .because("the engine drives the domain, never the other way round")
        .check(core);
  }
}
