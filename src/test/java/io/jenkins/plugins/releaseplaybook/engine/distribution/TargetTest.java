package io.jenkins.plugins.releaseplaybook.engine.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.Test;

public class TargetTest {

    @Test
    public void theFormsPeopleWrite() throws Exception {
        assertThat(Target.parse("web-1")).isEqualTo(new Target(null, "web-1", 22));
        assertThat(Target.parse("deploy@web-1.example.com")).isEqualTo(new Target("deploy", "web-1.example.com", 22));
        assertThat(Target.parse("deploy@10.0.0.7:2222")).isEqualTo(new Target("deploy", "10.0.0.7", 2222));
        assertThat(Target.parse("[::1]:2222")).isEqualTo(new Target(null, "::1", 2222));
        assertThat(Target.parse("ops@[2001:db8::7]")).isEqualTo(new Target("ops", "2001:db8::7", 22));
        assertThat(Target.parse("2001:db8::7")).as("bare IPv6 without port").isEqualTo(new Target(null, "2001:db8::7", 22));
        assertThat(Target.parse("  web-1  ")).isEqualTo(new Target(null, "web-1", 22));
    }

    @Test
    public void printsAsItParses() throws Exception {
        for (String text : List.of("web-1", "deploy@web-1.example.com", "deploy@10.0.0.7:2222", "[::1]:2222", "ops@[2001:db8::7]")) {
            assertThat(Target.parse(text).toString()).isEqualTo(text);
            assertThat(Target.parse(Target.parse(text).toString())).isEqualTo(Target.parse(text));
        }
    }

    @Test
    public void theKnownHostsNameHasThePortOnlyWhenNot22() throws Exception {
        assertThat(Target.parse("deploy@web-1").knownHostsName()).isEqualTo("web-1");
        assertThat(Target.parse("web-1:2222").knownHostsName()).isEqualTo("[web-1]:2222");
        assertThat(Target.parse("[::1]:2222").knownHostsName()).isEqualTo("[::1]:2222");
    }

    @Test
    public void refusesWhatIsNoTarget() {
        for (String bad : List.of("", "web 1", "-oProxyCommand=x", "user@", "@web", "web:", "web:0", "web:70000",
                "web:22:22", "[web-1]:22", "[::1", "us er@web", "-l@web", "a/b", "web;rm")) {
            assertThatThrownBy(() -> Target.parse(bad)).as(bad).isInstanceOf(DistributionException.class)
                    .extracting(e -> ((DistributionException) e).kind()).isEqualTo(DistributionException.Kind.INVALID_SPEC);
        }
        assertThatThrownBy(() -> Target.parse("web:99999")).hasMessage(
                "Target \"web:99999\": port \"99999\" is not a number from 1 to 65535.");
    }

    @Test
    public void listsOfTargets() throws Exception {
        assertThat(Target.parseList("web-1, web-2\n# a comment\n\n deploy@web-3:2222  # the odd one\n"))
                .extracting(Target::toString).containsExactly("web-1", "web-2", "deploy@web-3:2222");
        assertThatThrownBy(() -> Target.parseList("web-1\nweb-1:22")).hasMessage("The target web-1 is listed twice: remove one.");
        assertThat(Target.parse("web-1").withDefaultUser("deploy").toString()).isEqualTo("deploy@web-1");
        assertThat(Target.parse("ops@web-1").withDefaultUser("deploy").toString()).isEqualTo("ops@web-1");
    }
}
