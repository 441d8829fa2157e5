package io.jenkins.plugins.releaseplaybook.engine.backup;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The restorer's rules for names it reads from a manifest or an archive: what a safe entry path is, and where a
 * symbolic link may point. Pure string logic, so that nothing about a path is decided by the file system it would
 * be written to.
 */
final class EntryPaths {
    /** Link expansions while resolving one link target; more is a loop (the kernel's limit is 40 too). */
    private static final int MAX_EXPANSIONS = 40;

    private EntryPaths() {}

    /**
     * The segments of a safe relative path, or {@code null} when it is not one: empty, absolute, a drive, an empty,
     * {@code .} or {@code ..} segment, a NUL, or (on Windows) a {@code \} or {@code :}.
     */
    static List<String> segments(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.indexOf('\0') >= 0) {
            return null;
        }
        if (File.separatorChar == '\\' && (path.indexOf('\\') >= 0 || path.indexOf(':') >= 0)) {
            return null;
        }
        List<String> parts = Arrays.asList(path.split("/", -1));
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return null;
            }
        }
        return parts;
    }

    static boolean isSafe(String path) {
        return segments(path) != null;
    }

    /** The parent of a relative entry path, {@code null} for a single segment. */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? null : path.substring(0, slash);
    }

    /** {@code path} is {@code root} or below it. */
    static boolean isUnder(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }

    /** Resolves a safe relative path under {@code base}, one segment at a time. */
    static Path resolve(Path base, String relative) {
        Path out = base;
        for (String part : segments(relative)) {
            out = out.resolve(part);
        }
        return out;
    }

    /** {@code path} relative to {@code root} ({@code ""} for the root itself). */
    static String relative(String path, String root) {
        return path.equals(root) ? "" : path.substring(root.length() + 1);
    }

    static boolean isAbsoluteLink(String target) {
        return target.startsWith("/") || target.startsWith("\\")
                || (target.length() >= 2 && target.charAt(1) == ':' && Character.isLetter(target.charAt(0)));
    }

    /** Why a symbolic link entry is refused. */
    enum LinkProblem { ESCAPES, LOOPS }

    /**
     * Checks a relative link of a source's tree: resolved from the link's folder, following the archive's own links
     * on the way (as the kernel would, never a link of the host), it must stay at or below {@code root}.
     *
     * @param links link targets of every symbolic link entry of the manifest, by entry path
     * @return {@code null} when the link is allowed
     */
    static LinkProblem checkRelativeLink(String linkPath, String target, String root, Map<String, String> links) {
        int rootDepth = segmentCount(root);
        Deque<String> current = new ArrayDeque<>(split(parent(linkPath)));
        Deque<String> todo = new ArrayDeque<>(split(target));
        int expansions = 0;
        while (!todo.isEmpty()) {
            String part = todo.removeFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (current.size() <= rootDepth) {
                    return LinkProblem.ESCAPES;
                }
                current.removeLast();
                continue;
            }
            current.addLast(part);
            if (todo.isEmpty()) {
                break; // the last name is the link's own target: a link to a link is checked as that link
            }
            String through = links.get(String.join("/", current));
            if (through != null) {
                if (++expansions > MAX_EXPANSIONS) {
                    return LinkProblem.LOOPS;
                }
                if (isAbsoluteLink(through)) {
                    return LinkProblem.ESCAPES; // a relative link that passes through an absolute one leaves the tree
                }
                current.removeLast();
                List<String> expanded = split(through);
                for (int i = expanded.size() - 1; i >= 0; i--) {
                    todo.addFirst(expanded.get(i));
                }
            }
        }
        return current.size() < rootDepth ? LinkProblem.ESCAPES : null;
    }

    private static int segmentCount(String path) {
        return split(path).size();
    }

    private static List<String> split(String path) {
        if (path == null || path.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : path.split("/", -1)) {
            out.add(part);
        }
        return out;
    }
}
