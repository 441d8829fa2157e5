package io.jenkins.plugins.releaseplaybook.engine.notification;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The HMAC-SHA256 signatures each service expects (sources in docs/notifications.md). */
final class Signatures {
    private static final String HMAC = "HmacSHA256";

    private Signatures() {}

    /**
     * DingTalk custom robot: HMAC-SHA256 keyed with the secret over {@code timestamp + "\n" + secret}, Base64, then
     * URL-encoded (UTF-8), sent as {@code &timestamp=<millis>&sign=<this>}.
     */
    static String dingTalk(String secret, long timestampMillis) {
        byte[] mac = hmac(secret.getBytes(StandardCharsets.UTF_8),
                (timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
        return URLEncoder.encode(Base64.getEncoder().encodeToString(mac), StandardCharsets.UTF_8);
    }

    /**
     * Feishu custom bot: HMAC-SHA256 keyed with {@code timestamp + "\n" + secret} over no data, Base64, sent in the
     * body as {@code "timestamp": "<seconds>", "sign": "<this>"}.
     */
    static String feishu(String secret, long timestampSeconds) {
        byte[] mac = hmac((timestampSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8), new byte[0]);
        return Base64.getEncoder().encodeToString(mac);
    }

    /**
     * The generic template: {@code sha256=} and the hex HMAC-SHA256, keyed with the secret, over
     * {@code timestamp + "." + body}; the receiver recomputes it and checks the timestamp is recent (no replay).
     */
    static String generic(String secret, long timestampSeconds, byte[] body) {
        byte[] prefix = (timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, data, 0, prefix.length);
        System.arraycopy(body, 0, data, prefix.length, body.length);
        return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), data));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            // An empty key is not allowed by SecretKeySpec; callers only sign with a non-blank secret.
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
