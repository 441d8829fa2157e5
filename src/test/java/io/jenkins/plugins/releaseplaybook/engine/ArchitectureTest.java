package io.jenkins.plugins.releaseplaybook.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Keeps the engine Jenkins-free (so that engine-only/pom.xml builds and tests it anywhere), keeps the plugin
 * packages out of the engine, and keeps every package free of cycles. The engine-only build sees only the
 * engine classes; the plugin build sees all of them, so the plugin-wide rule bites there.
 */
public class ArchitectureTest {
    private static final String ROOT = "io.jenkins.plugins.releaseplaybook";
    private static final String ENGINE = ROOT + ".engine";
    private static JavaClasses all;

    @BeforeClass
    public static void importClasses() {
        all = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    public void engineHasClasses() {
        // Guards the rules below against passing vacuously on an empty import.
        assertThat(all.that(com.tngtech.archunit.base.DescribedPredicate.describe("in the engine",
                c -> c.getPackageName().startsWith(ENGINE)))).hasSizeGreaterThan(20);
    }

    @Test
    public void engineDependsOnNoJenkinsType() {
        noClasses().that().resideInAPackage(ENGINE + "..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "hudson..", "jenkins..", "org.kohsuke..", "org.jenkinsci..", "com.cloudbees..",
                        "io.jenkins.cli..", "io.jenkins.plugins.casc..", "net.sf.json..")
                .because("the engine must build and run where the Jenkins repository is unreachable")
                .check(all);
    }

    @Test
    public void engineDependsOnNoPluginPackage() {
        noClasses().that().resideInAPackage(ENGINE + "..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "are in the plugin's Jenkins layer",
                        c -> c.getPackageName().startsWith(ROOT) && !c.getPackageName().startsWith(ENGINE)))
                .because("the plugin is a thin layer over the engine, never the other way round")
                .check(all);
    }

    @Test
    public void theJudgementDependsNotOnTheReport() {
        // The report shows verdicts; the verification that reaches them must be usable without it.
        noClasses().that().resideInAPackage(ENGINE + ".verification..")
                .should().dependOnClassesThat().resideInAPackage(ENGINE + ".report..")
                .because("the report depends on the verification (Verdict, results), never the reverse")
                .check(all);
    }

    @Test
    public void notificationsOnlyReadTheReport() {
        // Notifications are built from a finished build's report and sent; nothing in the engine waits on them.
        noClasses().that().resideInAPackage(ENGINE + ".notification..")
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE + ".verification..", ENGINE + ".alerting..",
                        ENGINE + ".backup..", ENGINE + ".distribution..", ENGINE + ".rollback..", ENGINE + ".policy..")
                .because("an event is read from the Release Report, never from the engines that wrote it")
                .check(all);
        noClasses().that().resideInAPackage(ENGINE + "..").and().resideOutsideOfPackage(ENGINE + ".notification..")
                .should().dependOnClassesThat().resideInAPackage(ENGINE + ".notification..")
                .because("sending notifications is the last step, after the build; no engine part depends on it")
                .check(all);
    }

    @Test
    public void enginePackagesHaveNoCycles() {
        slices().matching(ENGINE + ".(*)..").should().beFreeOfCycles().check(all);
    }

    @Test
    public void pluginPackagesHaveNoCycles() {
        // Top-level packages: engine, config, report, steps, ... (the root package holds only facades).
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(all);
    }
}
