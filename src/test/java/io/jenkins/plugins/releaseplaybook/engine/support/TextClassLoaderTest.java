package io.jenkins.plugins.releaseplaybook.engine.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Locale;
import org.junit.Test;

/**
 * In Jenkins the engine lives in a plugin's class loader, and on an agent in a remoting class loader; neither is the
 * system class loader nor, always, the thread's context class loader. The bundles must come from the engine's own.
 */
public class TextClassLoaderTest {
    @Test
    public void bundlesAreFoundThroughTheEnginesOwnClassLoader() throws Exception {
        URL engine = Text.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        try (URLClassLoader plugin = new URLClassLoader(new URL[] {engine}, platform);
                URLClassLoader unrelated = new URLClassLoader(new URL[0], platform)) {
            Class<?> isolated = plugin.loadClass(Text.class.getName());
            assertThat(isolated).as("a copy of the engine, as in a plugin").isNotSameAs(Text.class);
            thread.setContextClassLoader(unrelated);

            Object text = isolated.getMethod("of", String.class, Object[].class)
                    .invoke(null, "support.duration.empty", new Object[0]);
            String chinese = (String) isolated.getMethod("message", Locale.class).invoke(text, Locale.SIMPLIFIED_CHINESE);

            assertThat(chinese).isEqualTo("值为空");
        } finally {
            thread.setContextClassLoader(context);
        }
    }
}
