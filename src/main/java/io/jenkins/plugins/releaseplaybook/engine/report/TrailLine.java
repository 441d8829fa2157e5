package io.jenkins.plugins.releaseplaybook.engine.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One line of a decision trail (or a threshold) as the report keeps it: the English {@code text}, and the message
 * {@code key} with its {@code args} so that the page can show it in the reader's language.
 *
 * <p>In JSON: {@code {"text": "p99 latency 0.82 s > 0.5 s ...", "key": "verification.trail.failRun", "args":
 * ["p99 latency", "0.82 s", ...]}}; an argument is a string or a nested line of the same shape; a line without key
 * is its text alone, the same in every language. A plain string also reads as such a line (tolerant reader).
 *
 * @param text the English text; never {@code null}
 * @param key the message key; {@code null} for a text without translation
 * @param args the arguments of the key, each a {@link String} or a {@link TrailLine}
 */
@JsonPropertyOrder({"text", "key", "args"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TrailLine(String text, String key, List<Object> args) implements Serializable {
    private static final long serialVersionUID = 1L;

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public TrailLine {
        text = text == null ? "" : Bounds.text(text);
        key = Bounds.name(key);
        args = normalize(args);
    }

    /** A line of a report written before trails had keys: its text in every language. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TrailLine plain(String text) {
        return new TrailLine(text, null, List.of());
    }

    public static TrailLine of(Text text) {
        List<Object> args = new ArrayList<>();
        for (Object arg : text.args()) {
            args.add(arg instanceof Text nested ? of(nested) : arg);
        }
        return new TrailLine(text.english(), text.key(), args);
    }

    /** The line as a text again; an unknown key (a newer plugin wrote it) falls back to {@link #text()}. */
    public Text toText() {
        List<Object> restored = new ArrayList<>();
        for (Object arg : args) {
            restored.add(arg instanceof TrailLine nested ? nested.toText() : arg);
        }
        return Text.restore(key, restored, text);
    }

    /** The line in {@code locale}'s language. */
    public String message(Locale locale) {
        return toText().message(locale);
    }

    /** How deeply lines nest in this one: 1 for a line whose arguments are all strings. */
    int depth() {
        int depth = 1;
        for (Object arg : args) {
            if (arg instanceof TrailLine nested) {
                depth = Math.max(depth, nested.depth() + 1);
            }
        }
        return depth;
    }

    private static List<Object> normalize(List<?> args) {
        if (args == null || args.isEmpty()) {
            return List.of();
        }
        // Bounded like every stored text: at most ARGS arguments, lines nested at most DEPTH deep (a deeper one is
        // kept as its text), so that the JSON stays far inside the reader's nesting limit.
        List<Object> out = new ArrayList<>(Math.min(args.size(), Bounds.ARGS));
        for (Object arg : args.subList(0, Math.min(args.size(), Bounds.ARGS))) {
            Object line = arg;
            if (arg instanceof Map<?, ?> map) {
                // A nested line as Jackson reads it into an untyped list.
                Object args2 = map.get("args");
                line = new TrailLine(stringOrNull(map.get("text")), stringOrNull(map.get("key")),
                        args2 instanceof List<?> list ? new ArrayList<>(list) : List.of());
            }
            if (line instanceof TrailLine nested) {
                out.add(nested.depth() < Bounds.DEPTH ? nested : nested.text());
            } else {
                out.add(Bounds.text(String.valueOf(line)));
            }
        }
        return List.copyOf(out);
    }

    private static String stringOrNull(Object value) {
        return value == null ? null : value.toString();
    }
}
