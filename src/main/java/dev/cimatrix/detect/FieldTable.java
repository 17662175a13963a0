package dev.cimatrix.detect;

import java.util.ArrayList;
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

    /**
     * One key position in the trie: the slot that ends here (or -1) and the keys below it. The keys are in an
     * open-addressing table of their own rather than a map: the reader looks up every key of every event here,
     * and a map's lookup calls {@code hashCode} and {@code equals} through calls shared with every other map of
     * the program, which the JVM cannot bind to {@code String}'s own methods.
     */
    static final class Node {
        private static final String[] NO_KEYS = {};
        private String[] keys = NO_KEYS;
        private Node[] nodes = {};
        private int count;
        int slot = -1;

        /** The node below this one for the key, or null. */
        Node child(String key) {
            String[] table = keys;
            if (table.length == 0) {
                return null;
            }
            int mask = table.length - 1;
            int i = key.hashCode() & mask;
            String k;
            while ((k = table[i]) != null) {
                // Keys and the parser's names are interned, so identity nearly always decides.
                if (k == key || k.equals(key)) {
                    return nodes[i];
                }
                i = (i + 1) & mask;
            }
            return null;
        }

        boolean isLeaf() {
            return count == 0;
        }

        private Node childOrNew(String key) {
            Node existing = child(key);
            if (existing != null) {
                return existing;
            }
            if ((count + 1) * 2 > keys.length) {
                // At most half full, so that a miss ends at an empty place after a probe or two.
                String[] oldKeys = keys;
                Node[] oldNodes = nodes;
                keys = new String[Math.max(4, oldKeys.length * 2)];
                nodes = new Node[keys.length];
                for (int i = 0; i < oldKeys.length; i++) {
                    if (oldKeys[i] != null) {
                        put(oldKeys[i], oldNodes[i]);
                    }
                }
            }
            Node node = new Node();
            put(key, node);
            count++;
            return node;
        }

        private void put(String key, Node node) {
            int mask = keys.length - 1;
            int i = key.hashCode() & mask;
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            nodes[i] = node;
        }
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
            // Interned like the parser's names (see EventParsers), so lookups match on identity.
            node = node.childOrNew(key.intern());
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
