package io.jenkins.plugins.releaseplaybook.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.BeforeClass;
import org.junit.Test;

/** Keeps the engine Jenkins-free (so it builds and tests anywhere) and its packages free of cycles. */
public class ArchitectureTest {
    private static final String ENGINE = "io.jenkins.plugins.releaseplaybook.engine";
    private static JavaClasses engine;

    @BeforeClass
    public static void importEngine() {
        engine = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ENGINE);
    }

    @Test
    public void engineHasClasses() {
        // Guards the rules below against passing vacuously on an empty import.
        org.assertj.core.api.Assertions.assertThat(engine.size()).isGreaterThan(20);
    }

    @Test
    public void engineDependsOnNoJenkinsType() {
        noClasses().that().resideInAPackage(ENGINE + "..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "hudson..", "jenkins..", "org.kohsuke..", "org.jenkinsci..", "com.cloudbees..")
                .because("the engine must build and run where the Jenkins repository is unreachable")
                .check(engine);
    }

    @Test
    public void enginePackagesHaveNoCycles() {
        slices().matching(ENGINE + ".(*)..").should().beFreeOfCycles().check(engine);
    }
}
