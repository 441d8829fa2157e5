package io.jenkins.plugins.releaseplaybook.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.Test;

/**
 * zstd-jni on an agent: a Jenkins agent gets the plugin's (and its library plugins') classes and resources through
 * remoting, not as jar files on its disk. A fresh JVM, like an agent's, loads zstd-jni through a class loader that
 * has the jar's bytes only in memory and answers resources as streams; zstd-jni copies its native library for this
 * platform out of that stream and loads it. The round trip must work there.
 */
public class ZstdOnAgentJvmTest {
    @Test
    public void zstdJniLoadsThroughAClassLoaderWithoutJarFilesInAFreshJvm() throws Exception {
        Path jar = Path.of(ZstdOutputStreamNoFinalizer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String java = ProcessHandle.current().info().command().orElse("java");
        String testClasses = Path.of(ZstdOnAgentJvmTest.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", testClasses,
                ZstdOnAgentJvmTest.class.getName() + "$AgentMain", jar.toString())).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).contains("round trip ok", "loaded by InMemoryLoader");
    }

    /** What runs in the fresh JVM: zstd-jni only from memory, never from the class path. */
    public static final class AgentMain {
        public static void main(String[] args) throws Exception {
            InMemoryLoader loader = new InMemoryLoader(Files.readAllBytes(Path.of(args[0])));
            Class<?> out = loader.loadClass("com.github.luben.zstd.ZstdOutputStreamNoFinalizer");
            Class<?> in = loader.loadClass("com.github.luben.zstd.ZstdInputStreamNoFinalizer");
            byte[] data = "release playbook ".repeat(10_000).getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            Constructor<?> outConstructor = out.getConstructor(OutputStream.class, int.class);
            try (OutputStream zstd = (OutputStream) outConstructor.newInstance(compressed, 3)) {
                zstd.write(data);
            }
            byte[] back;
            try (InputStream zstd = (InputStream) in.getConstructor(InputStream.class)
                    .newInstance(new ByteArrayInputStream(compressed.toByteArray()))) {
                back = zstd.readAllBytes();
            }
            if (!java.util.Arrays.equals(data, back) || compressed.size() >= data.length / 10) {
                throw new AssertionError("round trip failed: " + compressed.size() + " bytes");
            }
            System.out.println("round trip ok, " + data.length + " -> " + compressed.size() + " bytes, loaded by "
                    + out.getClassLoader().getClass().getSimpleName());
        }
    }

    /** Classes and resources from a jar's bytes; no URL, no file: the strictest case of a remote class loader. */
    static final class InMemoryLoader extends ClassLoader {
        private final Map<String, byte[]> entries = new HashMap<>();

        InMemoryLoader(byte[] jar) throws IOException {
            super(ClassLoader.getPlatformClassLoader());
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
                ZipEntry entry;
                while ((entry = zip.getNextEntry()) != null) {
                    if (!entry.isDirectory()) {
                        entries.put(entry.getName(), zip.readAllBytes());
                    }
                }
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = entries.get(name.replace('.', '/') + ".class");
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            byte[] bytes = entries.get(name.startsWith("/") ? name.substring(1) : name);
            return bytes == null ? super.getResourceAsStream(name) : new ByteArrayInputStream(bytes);
        }
    }
}
