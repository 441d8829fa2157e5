package io.jenkins.plugins.releaseplaybook.engine.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** Immutable list helpers for the report's records; a missing list in JSON reads as empty. */
final class Lists {
    private Lists() {}

    static <T> List<T> copy(List<T> list) {
        return copy(list, "list");
    }

    /** The list, empty when missing; a null entry is refused with the list's name (it would crash every reader). */
    static <T> List<T> copy(List<T> list, String field) {
        if (list == null) {
            return List.of();
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new IllegalArgumentException("the list '" + field + "' has a null entry at index " + i);
            }
        }
        return List.copyOf(list);
    }

    static <T> List<T> append(List<T> list, T element) {
        List<T> result = new ArrayList<>(list);
        result.add(element);
        return List.copyOf(result);
    }

    /** Replaces the first element matching {@code same} with {@code element}, or appends it. */
    static <T> List<T> upsert(List<T> list, Predicate<T> same, T element) {
        List<T> result = new ArrayList<>(list);
        for (int i = 0; i < result.size(); i++) {
            if (same.test(result.get(i))) {
                result.set(i, element);
                return List.copyOf(result);
            }
        }
        result.add(element);
        return List.copyOf(result);
    }

    static <T> List<T> map(List<T> list, UnaryOperator<T> change) {
        return list.stream().map(change).toList();
    }
}
