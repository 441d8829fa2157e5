package io.jenkins.plugins.releaseplaybook.engine.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releaseplaybook.engine.distribution.KnownHosts.Match;
import java.util.Base64;
import org.junit.Test;

/** Known-hosts lines as OpenSSH writes them; the vectors come from ssh-keygen (-l for fingerprints, -H for hashes). */
public class KnownHostsTest {
    static final String KEY_A = "AAAAC3NzaC1lZDI1NTE5AAAAIGZrIVB14lEsRF5CwreHqW55AlAnQYWPayXOZhn/TRj9";
    static final String FINGERPRINT_A = "SHA256:h1STjV9NQSwpiNXxc/UQ+UXlr2zdxPYqA6L6R8TdbQI";
    static final String KEY_B = "AAAAC3NzaC1lZDI1NTE5AAAAICaNovF/9esFPnI3H80xv4RVniW8XTk7HIyrpWoTKvIJ";
    static final String FINGERPRINT_B = "SHA256:7y/k5QuRVebOYQWPC9J8MdyHFKSpqqGr4xShU6JxKAo";
    /** ssh-keygen -H of "web-1.example.com ssh-ed25519 KEY_A" and of "[web-2.example.com]:2222 ssh-ed25519 KEY_A". */
    static final String HASHED_WEB1 = "|1|I+7Ugdo8nEuAzsyzHRJHMGfCtcM=|z02DEWC6bo8jsNHDBhGaNhaNaBs=";
    static final String HASHED_WEB2_2222 = "|1|HV2kbzISSrpRXXvWMAQzJqRwXMA=|lV227SM7PHv98e4uwx4DcXP0ol4=";

    static byte[] a() {
        return Base64.getDecoder().decode(KEY_A);
    }

    static byte[] b() {
        return Base64.getDecoder().decode(KEY_B);
    }

    private static Target target(String text) throws DistributionException {
        return Target.parse(text);
    }

    @Test
    public void fingerprintsAreThoseOfSshKeygen() {
        assertThat(KnownHosts.fingerprint(a())).isEqualTo(FINGERPRINT_A);
        assertThat(KnownHosts.fingerprint(b())).isEqualTo(FINGERPRINT_B);
        assertThat(KnownHosts.blobType(a())).isEqualTo("ssh-ed25519");
    }

    @Test
    public void plainNamesPatternsAndPorts() throws Exception {
        KnownHosts known = KnownHosts.parse("""
                # the fleet
                web-1.example.com,10.0.0.1 ssh-ed25519 %s comment here
                [db-*.example.com]:2222 ssh-ed25519 %s
                *.example.org,!bad.example.org ssh-ed25519 %s
                """.formatted(KEY_A, KEY_A, KEY_B));

        assertThat(known.size()).isEqualTo(3);
        assertThat(known.check(target("web-1.example.com"), a())).isEqualTo(Match.KNOWN);
        assertThat(known.check(target("deploy@WEB-1.example.com"), a())).as("names ignore case").isEqualTo(Match.KNOWN);
        assertThat(known.check(target("10.0.0.1"), a())).isEqualTo(Match.KNOWN);
        assertThat(known.check(target("web-1.example.com"), b())).isEqualTo(Match.MISMATCH);
        assertThat(known.check(target("web-1.example.com:2222"), a())).as("another port is another entry")
                .isEqualTo(Match.UNKNOWN);
        assertThat(known.check(target("db-7.example.com:2222"), a())).isEqualTo(Match.KNOWN);
        assertThat(known.check(target("db-7.example.com"), a())).isEqualTo(Match.UNKNOWN);
        assertThat(known.check(target("x.example.org"), b())).isEqualTo(Match.KNOWN);
        assertThat(known.check(target("bad.example.org"), b())).as("negated").isEqualTo(Match.UNKNOWN);
        assertThat(known.knownFingerprints(target("web-1.example.com"))).containsExactly("ssh-ed25519 " + FINGERPRINT_A);
    }

    @Test
    public void hashedNamesAsSshKeygenWritesThem() throws Exception {
        KnownHosts known = KnownHosts.parse(HASHED_WEB1 + " ssh-ed25519 " + KEY_A + "\n"
                + HASHED_WEB2_2222 + " ssh-ed25519 " + KEY_A + "\n");

        assertThat(known.check(target("web-1.example.com"), a())).isEqualTo(Match.KNOWN);
        assertThat(known.check(target("web-1.example.com"), b())).isEqualTo(Match.MISMATCH);
        assertThat(known.check(target("web-2.example.com:2222"), a())).isEqualTo(Match.KNOWN);
        assertThat(known.check(target("web-2.example.com"), a())).isEqualTo(Match.UNKNOWN);
        assertThat(known.check(target("web-3.example.com"), a())).isEqualTo(Match.UNKNOWN);
    }

    @Test
    public void revokedKeysAreRefusedAndCertificateAuthoritiesIgnored() throws Exception {
        KnownHosts known = KnownHosts.parse("@revoked * ssh-ed25519 " + KEY_B + "\n"
                + "@cert-authority *.example.com ssh-ed25519 " + KEY_A + "\n"
                + "web-1.example.com ssh-ed25519 " + KEY_B + "\n");

        assertThat(known.check(target("web-1.example.com"), b())).isEqualTo(Match.REVOKED);
        assertThat(known.check(target("web-2.example.com"), a())).as("a CA line is no host key").isEqualTo(Match.UNKNOWN);
    }

    @Test
    public void aBrokenLineIsRefusedWithItsNumber() {
        assertThatThrownBy(() -> KnownHosts.parse("\nweb-1 ssh-ed25519\n"))
                .isInstanceOf(DistributionException.class).hasMessageStartingWith("Known hosts, line 2: expected");
        assertThatThrownBy(() -> KnownHosts.parse("web-1 ssh-ed25519 not*base64"))
                .hasMessageContaining("line 1: the key is not base64");
        assertThatThrownBy(() -> KnownHosts.parse("web-1 ssh-rsa " + KEY_A))
                .hasMessageContaining("line 1: the key is not a ssh-rsa key");
        assertThatThrownBy(() -> KnownHosts.parse("@trusted web-1 ssh-ed25519 " + KEY_A))
                .hasMessageContaining("unknown marker @trusted");
    }

    @Test
    public void theVerifierTrustsOnFirstUseOnlyUnlistedHostsAndOnlyOneKeyPerRun() throws Exception {
        KnownHosts known = KnownHosts.parse("web-1.example.com ssh-ed25519 " + KEY_A);
        HostKeyVerifier strict = new HostKeyVerifier(known, HostKeyPolicy.KNOWN_HOSTS);
        HostKeyVerifier tofu = new HostKeyVerifier(known, HostKeyPolicy.TRUST_ON_FIRST_USE);

        assertThat(strict.verify(target("web-1.example.com"), a()).accepted()).isTrue();
        HostKeyVerifier.Decision unknown = strict.verify(target("web-2.example.com"), a());
        assertThat(unknown.accepted()).isFalse();
        assertThat(unknown.refusal().english()).contains("web-2.example.com").contains(FINGERPRINT_A);

        HostKeyVerifier.Decision mismatch = tofu.verify(target("web-1.example.com"), b());
        assertThat(mismatch.accepted()).as("a mismatch is refused under every policy").isFalse();
        assertThat(mismatch.refusal().english()).contains("web-1.example.com").contains(FINGERPRINT_A).contains(FINGERPRINT_B);

        HostKeyVerifier.Decision first = tofu.verify(target("web-2.example.com"), b());
        assertThat(first.accepted()).isTrue();
        assertThat(first.trustedOnFirstUse()).isTrue();
        assertThat(first.fingerprint()).isEqualTo(FINGERPRINT_B);
        assertThat(tofu.verify(target("web-2.example.com"), b()).accepted()).as("a retry of the same host").isTrue();
        HostKeyVerifier.Decision changed = tofu.verify(target("web-2.example.com"), a());
        assertThat(changed.accepted()).isFalse();
        assertThat(changed.refusal().english()).contains("another host key than earlier in this run");
    }

    @Test
    public void policiesAsPeopleWriteThem() throws Exception {
        assertThat(HostKeyPolicy.of("trustOnFirstUse")).isEqualTo(HostKeyPolicy.TRUST_ON_FIRST_USE);
        assertThat(HostKeyPolicy.of("trust-on-first-use")).isEqualTo(HostKeyPolicy.TRUST_ON_FIRST_USE);
        assertThat(HostKeyPolicy.of("KNOWN_HOSTS")).isEqualTo(HostKeyPolicy.KNOWN_HOSTS);
        assertThatThrownBy(() -> HostKeyPolicy.of("any")).hasMessageContaining("KNOWN_HOSTS, TRUST_ON_FIRST_USE");
    }
}
