package dev.orderengine.domain.shared;

import java.util.List;
import java.util.function.Function;

/** One page of a longer list: the items, which page this is, its size and the total count. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), page, size, total);
    }
}
