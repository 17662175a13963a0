package dev.cimatrix.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every field path a rule set reads, each given an integer slot once, at compile time. The reader walks the
 * trie of path segments while it streams an event, so it fills only these slots and skips the rest of the event.
 *
 * <p>A dotted path {@code a.b.c} is entered under every way of splitting it into keys ({@code a → b → c},
 * {@code a.b → c}, {@code a → b.c}, {@code a.b.c}), so it finds both nested objects and literal dotted keys.
 */
public final class FieldTable {
    /** Paths with more dots than this are entered only as fully nested and as one literal key. */
    private static final int MAX_SPLIT_SEGMENTS = 8;

    private final Map<String, Integer> slots = new LinkedHashMap<>();
    private final List<String> paths = new ArrayList<>();
    private final Node root = new Node();
    private boolean keywordSearch;

    /** One key position in the trie: the slot that ends here (or -1) and the keys below it. */
    static final class Node {
        final Map<String, Node> children = new HashMap<>();
        int slot = -1;
    }

    /** The slot of a path, registering it on first use. */
    public int slot(String path) {
        Integer existing = slots.get(path);
        if (existing != null) {
            return existing;
        }
        int slot = slots.size();
        slots.put(path, slot);
        paths.add(path);
        String[] parts = path.split("\\.", -1);
        if (parts.length > MAX_SPLIT_SEGMENTS) {
            enter(List.of(parts), slot);
            enter(List.of(path), slot);
        } else {
            for (List<String> keys : splittings(parts)) {
                enter(keys, slot);
            }
        }
        return slot;
    }

    private void enter(List<String> keys, int slot) {
        Node node = root;
        for (String key : keys) {
            // Interned like the parser's names (see LogReader), so lookups match on identity.
            node = node.children.computeIfAbsent(key.intern(), k -> new Node());
        }
        node.slot = slot;
    }

    /** All ways to join adjacent parts with dots: 2^(n-1) key lists. */
    private static List<List<String>> splittings(String[] parts) {
        List<List<String>> result = new ArrayList<>();
        int joins = parts.length - 1;
        for (int mask = 0; mask < (1 << joins); mask++) {
            List<String> keys = new ArrayList<>();
            StringBuilder key = new StringBuilder(parts[0]);
            for (int i = 0; i < joins; i++) {
                if ((mask & (1 << i)) != 0) {
                    key.append('.').append(parts[i + 1]);
                } else {
                    keys.add(key.toString());
                    key.setLength(0);
                    key.append(parts[i + 1]);
                }
            }
            keys.add(key.toString());
            result.add(keys);
        }
        return result;
    }

    /** Some rule searches keywords over the whole event, so the reader must collect every value. */
    public void requireKeywordSearch() {
        keywordSearch = true;
    }

    public boolean keywordSearch() {
        return keywordSearch;
    }

    public int size() {
        return slots.size();
    }

    public String path(int slot) {
        return paths.get(slot);
    }

    Node root() {
        return root;
    }
}
