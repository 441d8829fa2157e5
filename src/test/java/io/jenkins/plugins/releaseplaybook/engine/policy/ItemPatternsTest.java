package io.jenkins.plugins.releaseplaybook.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import java.util.List;
import java.util.Locale;
import org.junit.Test;

public class ItemPatternsTest {
    @Test
    public void noPatternsAllowEveryJob() {
        for (String text : new String[] {null, "", "  \n\n", "# only a comment\n"}) {
            ItemPatterns patterns = ItemPatterns.parse(text);
            assertThat(patterns.allowsAll()).as(String.valueOf(text)).isTrue();
            assertThat(patterns.matches("team-a/checkout")).isTrue();
            assertThat(patterns.matches("anything")).isTrue();
        }
        assertThat(ItemPatterns.all().allowsAll()).isTrue();
    }

    @Test
    public void doubleStarMatchesAFolderAndEverythingBelowIt() {
        ItemPatterns patterns = ItemPatterns.parse("team-a/**");
        assertThat(patterns.matches("team-a")).isTrue();
        assertThat(patterns.matches("team-a/checkout")).isTrue();
        assertThat(patterns.matches("team-a/services/checkout/main")).isTrue();
        assertThat(patterns.matches("team-ab/checkout")).isFalse();
        assertThat(patterns.matches("team-b/checkout")).isFalse();
        assertThat(patterns.matches("x/team-a/checkout")).isFalse();
    }

    @Test
    public void singleStarStaysWithinOneSegment() {
        ItemPatterns patterns = ItemPatterns.parse("releases/*-prod");
        assertThat(patterns.matches("releases/checkout-prod")).isTrue();
        assertThat(patterns.matches("releases/-prod")).isTrue();
        assertThat(patterns.matches("releases/a/b-prod")).isFalse();
        assertThat(patterns.matches("releases/checkout-staging")).isFalse();
        assertThat(ItemPatterns.parse("*").matches("top-level-job")).isTrue();
        assertThat(ItemPatterns.parse("*").matches("folder/job")).isFalse();
    }

    @Test
    public void doubleStarInTheMiddleOrFrontMatchesAnyDepth() {
        ItemPatterns patterns = ItemPatterns.parse("**/deploy");
        assertThat(patterns.matches("deploy")).isTrue();
        assertThat(patterns.matches("a/deploy")).isTrue();
        assertThat(patterns.matches("a/b/c/deploy")).isTrue();
        assertThat(patterns.matches("a/deploy/x")).isFalse();
        ItemPatterns middle = ItemPatterns.parse("org/**/release-*");
        assertThat(middle.matches("org/release-1")).isTrue();
        assertThat(middle.matches("org/x/y/release-2")).isTrue();
        assertThat(middle.matches("org/x/y/build")).isFalse();
        assertThat(ItemPatterns.parse("**").matches("any/depth/at/all")).isTrue();
    }

    @Test
    public void literalNamesMatchExactlyAndCaseSensitively() {
        ItemPatterns patterns = ItemPatterns.parse("checkout\nteam-b/payments\n");
        assertThat(patterns.matches("checkout")).isTrue();
        assertThat(patterns.matches("team-b/payments")).isTrue();
        assertThat(patterns.matches("Checkout")).isFalse();
        assertThat(patterns.matches("checkout2")).isFalse();
        assertThat(patterns.matches("team-b")).isFalse();
        assertThat(patterns.matches("")).isFalse();
        assertThat(patterns.matches(null)).isFalse();
    }

    @Test
    public void regexCharactersInNamesAreLiterals() {
        ItemPatterns patterns = ItemPatterns.parse("a.b/(x)+[y]");
        assertThat(patterns.matches("a.b/(x)+[y]")).isTrue();
        assertThat(patterns.matches("axb/(x)+[y]")).isFalse();
        assertThat(patterns.matches("a.b/xx[y]")).isFalse();
    }

    @Test
    public void anyLineAllowsAndCommentsAndBlanksAreIgnored() {
        ItemPatterns patterns = ItemPatterns.parse("  team-a/**  \r\n# the payments team\r\n\r\nteam-b/payments-*\r\n");
        assertThat(patterns.patterns()).containsExactly("team-a/**", "team-b/payments-*");
        assertThat(patterns.toString()).isEqualTo("team-a/**\nteam-b/payments-*");
        assertThat(ItemPatterns.parse(patterns.toString()).patterns()).isEqualTo(patterns.patterns());
        assertThat(patterns.matches("team-a/x")).isTrue();
        assertThat(patterns.matches("team-b/payments-eu")).isTrue();
        assertThat(patterns.matches("team-c/x")).isFalse();
        assertThat(patterns.allowsAll()).isFalse();
    }

    @Test
    public void refusesMalformedPatternsNamingTheLine() {
        for (String bad : List.of("/team-a", "team-a/", "team-a//x", "team-a/**x", "a**/b")) {
            assertThatThrownBy(() -> ItemPatterns.parse("ok\n" + bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Line 2 '" + bad + "' is not an item-name pattern");
        }
    }

    @Test
    public void aMalformedPatternReadsInTheReadersLanguage() {
        assertThatThrownBy(() -> ItemPatterns.parse("team-a//x"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.message(Locale.SIMPLIFIED_CHINESE))
                        .isEqualTo("第 1 行“team-a//x”不是有效的任务名模式：其中有空的文件夹名（“//”）"))
                .hasMessage("Line 1 'team-a//x' is not an item-name pattern: it has an empty folder name ('//')");
    }

    @Test
    public void manyDoubleStarsDoNotBacktrackExponentially() {
        ItemPatterns patterns = ItemPatterns.parse("**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/nope");
        String deep = String.join("/", java.util.Collections.nCopies(200, "x"));
        assertThat(patterns.matches(deep)).isFalse();
        assertThat(patterns.matches(deep + "/nope")).isTrue();
    }
}
