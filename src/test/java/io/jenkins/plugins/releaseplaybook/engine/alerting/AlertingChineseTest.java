package io.jenkins.plugins.releaseplaybook.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.Test;

/** Matcher and policy messages in the reader's language; getMessage() stays English. */
public class AlertingChineseTest {
    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    @Test
    public void aProtectedSetWithUnbalancedBracesIsExplainedInChinese() throws Exception {
        AlertingException e = catchThrowableOfType(AlertingException.class,
                () -> ProtectedSet.parse("{severity=\"critical\""));

        assertThat(e.kind()).isEqualTo(AlertingException.Kind.MATCHER_SYNTAX);

        assertThat(e.getMessage()).startsWith("Matcher set '{severity=\"critical\"' has unbalanced braces");
        assertThat(e.message(ZH)).isEqualTo("匹配器集合 '{severity=\"critical\"' 的花括号不配对：请写作 {name=\"value\", ...}，或者不写花括号");
    }

    @Test
    public void aBadMatcherIsExplainedInChineseWithItsReason() throws Exception {
        AlertingException e = catchThrowableOfType(AlertingException.class, () -> MatcherParser.parse("service"));

        assertThat(e.reason()).isEqualTo("there is no operator after the label name 'service'");
        assertThat(e.reason(ZH)).isEqualTo("标签名 'service' 后面没有运算符");
        assertThat(e.message(ZH)).startsWith("匹配器 'service' 无效：标签名 'service' 后面没有运算符。应写作 name=\"value\"");

        AlertingException list = catchThrowableOfType(AlertingException.class,
                () -> MatcherParser.parseAll(List.of("a=\"1\"", "b", "c=\"")));
        assertThat(list.getMessage()).startsWith("2 of 3 matchers are not valid:\nmatcher 2: Matcher 'b'");
        assertThat(list.message(ZH)).startsWith("3 个匹配器中有 2 个无效：\n第 2 个匹配器：匹配器 'b' 无效");
    }

    @Test
    public void policyRefusalsListEveryReasonInChinese() throws Exception {
        SilencePolicy policy = SilencePolicy.defaults();
        SilenceDraft draft = new SilenceDraft(List.of(MatcherParser.parse("alertname=\"HighLatency\"")), Duration.ofHours(2), "");

        AlertingException e = catchThrowableOfType(AlertingException.class, () -> policy.check(List.of(draft), 0));

        assertThat(e.getMessage()).startsWith("Silence refused by the Release Playbook policy: ");
        assertThat(e.reasons()).anySatisfy(r -> assertThat(r).contains("2h is longer than the 1h allowed"));
        assertThat(e.message(ZH)).startsWith("Release Playbook 策略拒绝了静默：").doesNotContain("longer than", "must pin");
        assertThat(e.reasons(ZH)).anySatisfy(r -> assertThat(r).contains("必须用等值匹配器固定标签 'service'"));
    }
}
