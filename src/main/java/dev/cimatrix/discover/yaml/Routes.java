package dev.cimatrix.discover.yaml;

import tools.jackson.core.io.JsonStringEncoder;

/**
 * Builds routes such as {@code jobs.build.steps[2].with.ref}: identifier-like keys after a dot, other keys
 * quoted in brackets ({@code jobs["a.b"]}), sequence items by 0-based index.
 */
final class Routes {
    private Routes() {
    }

    /* Every node of every file gets a route: the builders are sized at once rather than grown. */
    static String key(String parent, String key) {
        if (isIdentifier(key)) {
            if (parent.isEmpty()) {
                return key;
            }
            return new StringBuilder(parent.length() + 1 + key.length()).append(parent).append('.').append(key).toString();
        }
        return parent + '[' + quoted(key) + ']';
    }

    static String index(String parent, int index) {
        return new StringBuilder(parent.length() + 6).append(parent).append('[').append(index).append(']').toString();
    }

    static boolean isIdentifier(String key) {
        if (key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String quoted(String key) {
        StringBuilder out = new StringBuilder(key.length() + 2).append('"');
        JsonStringEncoder.getInstance().quoteAsString(key, out);
        return out.append('"').toString();
    }
}
