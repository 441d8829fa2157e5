package io.jenkins.plugins.releaseplaybook.engine.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.rules.ExternalResource;

/**
 * A real OpenSSH {@code sshd} ({@code /usr/sbin/sshd} from the Debian package {@code openssh-server}; the system
 * property {@code releaseplaybook.sshd.binary} overrides the path) run by a test: on a free loopback port, with a
 * temporary Ed25519 host key, its own {@code authorized_keys} and {@code sshd_config} in a temporary directory,
 * in the foreground ({@code -D -e -f}), logging to a file there, for the user running the test (public-key login
 * only). Stopped and cleaned up afterwards. Usable as a JUnit rule or through {@link #start()} / {@link #stop()}.
 *
 * <p>Every daemon has its own login directory {@link #home()}: a {@code ForceCommand} script changes into it for
 * commands and starts {@code sftp-server -d home} for SFTP, so several daemons on one machine are several targets
 * for one relative remote directory. {@link #forceCommand(String)} adds shell lines that run first: they see the
 * client's command in {@code $SSH_ORIGINAL_COMMAND} ({@code internal-sftp} for the SFTP subsystem), which is how
 * tests make a target without a shell or one that damages files.
 */
public final class OpenSshServer extends ExternalResource {
    public static final String SFTP_SERVER = "/usr/lib/openssh/sftp-server";
    private static final Duration READY_DEADLINE = Duration.ofSeconds(20);
    private static final int START_ATTEMPTS = 3;

    private final Path binary = Paths.get(System.getProperty("releaseplaybook.sshd.binary", "/usr/sbin/sshd"));
    private final List<String> authorizedKeys = new ArrayList<>();
    private String forceCommand;
    private String extraConfig = "";

    private Path directory;
    private int port = -1;
    private Process process;
    private Thread shutdownHook;

    /** A public key line ({@code ssh-ed25519 AAAA... comment}) that may log in; also after the start. */
    public synchronized OpenSshServer authorize(String publicKeyLine) {
        authorizedKeys.add(publicKeyLine.strip());
        if (directory != null) {
            writeAuthorizedKeys();
        }
        return this;
    }

    /** Shell lines that run before each session's command, in {@link #home()} (before {@link #start()}). */
    public OpenSshServer forceCommand(String script) {
        this.forceCommand = script;
        return this;
    }

    /** More {@code sshd_config} lines (before {@link #start()}). */
    public OpenSshServer config(String lines) {
        this.extraConfig = lines;
        return this;
    }

    @Override
    protected void before() throws IOException {
        start();
    }

    @Override
    protected void after() {
        stop();
    }

    public synchronized void start() throws IOException {
        if (process != null) {
            throw new IllegalStateException("sshd is already running on port " + port);
        }
        RequiredBinary.require("OpenSSH sshd", binary, "openssh-server");
        RequiredBinary.require("ssh-keygen", Paths.get("/usr/bin/ssh-keygen"), "openssh-client");
        if ("root".equals(System.getProperty("user.name"))) {
            Files.createDirectories(Paths.get("/run/sshd")); // privilege separation directory sshd wants as root
        }
        for (int attempt = 1; ; attempt++) {
            directory = Files.createTempDirectory("release-playbook-sshd-");
            port = FreePort.find();
            keygen(directory.resolve("host_ed25519"), "ed25519", "");
            Files.createDirectories(directory.resolve("home"));
            writeAuthorizedKeys();
            Path config = directory.resolve("sshd_config");
            Files.writeString(config, config(), StandardCharsets.UTF_8);
            List<String> command = List.of(binary.toString(), "-D", "-e", "-f", config.toString());
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(logFile().toFile()).start();
            shutdownHook = new Thread(process::destroyForcibly, "stop sshd");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            String problem = awaitBanner();
            if (problem == null) {
                return;
            }
            String log = logTail();
            stop();
            if (log.contains("Address already in use") && attempt < START_ATTEMPTS) {
                continue;
            }
            throw new IllegalStateException("sshd did not start: " + problem + "\nCommand: " + String.join(" ", command)
                    + "\nLog:\n" + log);
        }
    }

    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
            process = null;
        }
        if (directory != null) {
            deleteRecursively(directory);
            directory = null;
        }
    }

    public synchronized int port() {
        requireStarted();
        return port;
    }

    /** The user that logs in: the one running the test. */
    public static String user() {
        return System.getProperty("user.name");
    }

    /** {@code user@127.0.0.1:port}. */
    public String target() {
        return user() + "@127.0.0.1:" + port();
    }

    /** The server's temporary directory (config, keys, log; tests put target directories below it). */
    public synchronized Path directory() {
        requireStarted();
        return directory;
    }

    /** The login directory: relative remote paths start here. */
    public Path home() {
        return directory().resolve("home");
    }

    public Path logFile() {
        return directory.resolve("sshd.log");
    }

    /** The host public key as it appears in a known_hosts file: {@code [127.0.0.1]:port ssh-ed25519 AAAA...}. */
    public String knownHostsLine() throws IOException {
        String[] pub = Files.readString(directory().resolve("host_ed25519.pub")).strip().split("\\s+");
        return "[127.0.0.1]:" + port() + " " + pub[0] + " " + pub[1];
    }

    /** The host key's fingerprint as {@code ssh-keygen -l} prints it ({@code SHA256:...}): the reference format. */
    public String hostKeyFingerprint() throws IOException {
        String out = run(List.of("/usr/bin/ssh-keygen", "-l", "-E", "sha256", "-f",
                directory().resolve("host_ed25519.pub").toString()));
        return out.split("\\s+")[1];
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * A new key pair from {@code ssh-keygen} ({@code ed25519}, {@code rsa}, {@code ecdsa}), optionally encrypted.
     *
     * @return the private key text and the public key line
     */
    public static KeyPairText generateKey(Path directory, String type, String passphrase) throws IOException {
        Path file = Files.createTempFile(directory, "id_" + type + "-", "");
        Files.delete(file);
        keygen(file, type, passphrase);
        return new KeyPairText(Files.readString(file), Files.readString(Path.of(file + ".pub")).strip());
    }

    /** A private key's text and its public key line. */
    public record KeyPairText(String privateKey, String publicKey) {}

    /** Runs a command, returns its output; fails on a non-zero exit. */
    public static String run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }

    private static void keygen(Path file, String type, String passphrase) throws IOException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C",
                "release-playbook-test", "-f", file.toString()));
        if (type.equals("rsa")) {
            command.addAll(List.of("-b", "3072"));
        }
        run(command);
    }

    private String config() throws IOException {
        StringBuilder config = new StringBuilder();
        config.append("Port ").append(port).append('\n')
                .append("ListenAddress 127.0.0.1\n")
                .append("HostKey ").append(directory.resolve("host_ed25519")).append('\n')
                .append("PidFile none\n")
                .append("AuthorizedKeysFile ").append(directory.resolve("authorized_keys")).append('\n')
                // the temporary directory lives under /tmp, which StrictModes would refuse
                .append("StrictModes no\n")
                .append("PubkeyAuthentication yes\n")
                .append("PasswordAuthentication no\n")
                .append("KbdInteractiveAuthentication no\n")
                .append("UsePAM no\n")
                .append("PermitRootLogin prohibit-password\n")
                .append("AllowUsers ").append(user()).append('\n')
                .append("MaxStartups 100:30:200\n")
                .append("MaxSessions 20\n")
                .append("LogLevel VERBOSE\n")
                .append("Subsystem sftp internal-sftp\n");
        String home = directory.resolve("home").toString();
        // Sessions start in the daemon's own login directory as HOME, so the login shell (the test user's, often
        // bash) reads no start-up files of the machine's account: a developer's ~/.bashrc (pyenv, nvm...) would
        // otherwise run on every session, in the tests and in the benchmark alike (measured: ~90 processes, ~100 ms).
        config.append("SetEnv HOME=").append(home).append('\n');
        String script = "#!/bin/sh\n"
                + "cd '" + home + "' || exit 1\n"
                + (forceCommand == null ? "" : forceCommand + "\n")
                + "case \"$SSH_ORIGINAL_COMMAND\" in\n"
                + "  internal-sftp*|*sftp-server*) exec " + SFTP_SERVER + " -d '" + home + "' ;;\n"
                + "  '') exec /bin/sh ;;\n"
                + "  *) exec /bin/sh -c \"$SSH_ORIGINAL_COMMAND\" ;;\n"
                + "esac\n";
        Path file = directory.resolve("force-command.sh");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        config.append("ForceCommand ").append(file).append('\n');
        config.append(extraConfig).append('\n');
        return config.toString();
    }

    private void writeAuthorizedKeys() {
        try {
            Files.writeString(directory.resolve("authorized_keys"), String.join("\n", authorizedKeys) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the port answers with an SSH banner; {@code null} when it does, else what went wrong. */
    private String awaitBanner() {
        long deadline = System.nanoTime() + READY_DEADLINE.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return "sshd exited with code " + process.exitValue();
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                socket.setSoTimeout(2000);
                InputStream in = socket.getInputStream();
                byte[] banner = new byte[8];
                int n = in.readNBytes(banner, 0, banner.length);
                if (new String(banner, 0, n, StandardCharsets.US_ASCII).startsWith("SSH-2.0")) {
                    return null;
                }
                last = "no SSH banner";
            } catch (IOException e) {
                last = e.toString();
            }
            try {
                Thread.sleep(50); // poll interval while sshd starts
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return "no SSH banner on port " + port + " within " + READY_DEADLINE.toSeconds() + " s (last: " + last + ")";
    }

    private void requireStarted() {
        if (directory == null) {
            throw new IllegalStateException("sshd is not started");
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + root, e);
        }
    }
}
