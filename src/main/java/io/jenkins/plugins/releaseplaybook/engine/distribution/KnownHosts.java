package io.jenkins.plugins.releaseplaybook.engine.distribution;

import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Host keys in OpenSSH {@code known_hosts} format, as the admin maintains them: one key per line,
 * {@code host[,host...] keytype base64 [comment]}, host patterns with {@code *}, {@code ?} and {@code !negation},
 * {@code [host]:port} for other ports than 22, hashed names ({@code |1|salt|hash}, as {@code ssh-keygen -H}
 * writes them), and the markers {@code @revoked} (that key is refused) and {@code @cert-authority} (ignored:
 * certificates are not used here). Keys are compared as their wire blobs, so any key type works.
 */
public final class KnownHosts {
    private static final String HASHED = "|1|";

    private record Entry(String marker, List<String> patterns, String hashSalt, String hash, String keyType, byte[] blob) {}

    /** What {@link #check} found. */
    public enum Match {
        /** A line for this host has this key. */
        KNOWN,
        /** Lines for this host exist, none with this key. */
        MISMATCH,
        /** No line for this host. */
        UNKNOWN,
        /** This key is marked {@code @revoked}. */
        REVOKED
    }

    private final List<Entry> entries;

    private KnownHosts(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** No known host at all. */
    public static KnownHosts empty() {
        return new KnownHosts(List.of());
    }

    /**
     * Reads a known-hosts text; blank lines and {@code #} comments are ignored.
     *
     * @throws DistributionException {@link Kind#INVALID_SPEC} naming the first line that does not parse
     */
    public static KnownHosts parse(String text) throws DistributionException {
        List<Entry> entries = new ArrayList<>();
        String[] lines = (text == null ? "" : text).split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            int at = 0;
            String marker = null;
            if (fields[0].startsWith("@")) {
                marker = fields[0].toLowerCase(Locale.ROOT);
                at = 1;
                if (!marker.equals("@revoked") && !marker.equals("@cert-authority")) {
                    throw invalidLine(i, "unknown marker " + fields[0]);
                }
            }
            if (fields.length < at + 3) {
                throw invalidLine(i, "expected: hosts, key type, key");
            }
            String hosts = fields[at];
            String keyType = fields[at + 1];
            byte[] blob;
            try {
                blob = Base64.getDecoder().decode(fields[at + 2]);
            } catch (IllegalArgumentException e) {
                throw invalidLine(i, "the key is not base64");
            }
            if (!keyType.equals(blobType(blob))) {
                throw invalidLine(i, "the key is not a " + keyType + " key");
            }
            if (hosts.startsWith(HASHED)) {
                String[] parts = hosts.substring(HASHED.length()).split("\\|");
                if (parts.length != 2) {
                    throw invalidLine(i, "a hashed host is |1|salt|hash");
                }
                entries.add(new Entry(marker, List.of(), parts[0], parts[1], keyType, blob));
            } else {
                entries.add(new Entry(marker, List.of(hosts.split(",")), null, null, keyType, blob));
            }
        }
        return new KnownHosts(entries);
    }

    /** Number of key lines. */
    public int size() {
        return entries.size();
    }

    /**
     * Looks up {@code target} ({@code host} or {@code [host]:port}, see {@link Target#knownHostsName()}) with the key
     * the server presented.
     */
    public Match check(Target target, byte[] presentedBlob) {
        String name = target.knownHostsName();
        boolean anyForHost = false;
        for (Entry entry : entries) {
            if (!matches(entry, name)) {
                continue;
            }
            boolean same = Arrays.equals(entry.blob(), presentedBlob);
            if ("@revoked".equals(entry.marker())) {
                if (same) {
                    return Match.REVOKED;
                }
                continue;
            }
            if (entry.marker() != null) {
                continue;
            }
            if (same) {
                return Match.KNOWN;
            }
            anyForHost = true;
        }
        return anyForHost ? Match.MISMATCH : Match.UNKNOWN;
    }

    /** The fingerprints ({@code SHA256:...}) of the keys listed for the target, for messages. */
    public List<String> knownFingerprints(Target target) {
        String name = target.knownHostsName();
        return entries.stream()
                .filter(e -> e.marker() == null && matches(e, name))
                .map(e -> e.keyType() + " " + fingerprint(e.blob()))
                .toList();
    }

    /** The fingerprint as {@code ssh-keygen -l} prints it: {@code SHA256:} and the unpadded base64 of the digest. */
    public static String fingerprint(byte[] blob) {
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(ArtifactSet.sha256().digest(blob));
    }

    /** The key type written inside a key blob ({@code ssh-ed25519}), or {@code null} if the blob is too short. */
    public static String blobType(byte[] blob) {
        if (blob.length < 4) {
            return null;
        }
        int length = ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8) | (blob[3] & 0xff);
        if (length <= 0 || length > blob.length - 4) {
            return null;
        }
        return new String(blob, 4, length, StandardCharsets.US_ASCII);
    }

    private static boolean matches(Entry entry, String name) {
        if (entry.hashSalt() != null) {
            return hashedMatches(entry.hashSalt(), entry.hash(), name);
        }
        boolean positive = false;
        for (String pattern : entry.patterns()) {
            if (pattern.startsWith("!")) {
                if (wildcard(pattern.substring(1)).matcher(name).matches()) {
                    return false;
                }
            } else if (wildcard(pattern).matcher(name).matches()) {
                positive = true;
            }
        }
        return positive;
    }

    private static boolean hashedMatches(String salt, String hash, String name) {
        try {
            byte[] key = Base64.getDecoder().decode(salt);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] expected = Base64.getDecoder().decode(hash);
            return MessageDigest.isEqual(expected, mac.doFinal(name.getBytes(StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    private static Pattern wildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    private static DistributionException invalidLine(int index, String problem) {
        return new DistributionException(Kind.INVALID_SPEC,
                Text.of("distribution.knownHosts.line", String.valueOf(index + 1), problem));
    }
}
